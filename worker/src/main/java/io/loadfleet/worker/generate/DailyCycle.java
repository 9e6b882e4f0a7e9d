package io.loadfleet.worker.generate;

/** Time-of-day shapes of the event time; hours are fractional, in [0, 24). */
final class DailyCycle {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private DailyCycle() {
    }

    static double utcHour(long epochMillis) {
        return Math.floorMod(epochMillis, MILLIS_PER_DAY) / MILLIS_PER_HOUR;
    }

    /** Local mean solar time at {@code longitude}, so devices around the globe see their own day. */
    static double solarHour(long epochMillis, double longitude) {
        double hour = utcHour(epochMillis) + longitude / 15;
        return hour - 24 * Math.floor(hour / 24);
    }

    /** A smooth daily wave: 1 at {@code peakHour}, -1 twelve hours away. */
    static double wave(double hour, double peakHour) {
        return Math.cos(2 * Math.PI * (hour - peakHour) / 24);
    }

    /** Days since the epoch, fractional, for cycles longer than a day. */
    static double days(long epochMillis) {
        return epochMillis / (double) MILLIS_PER_DAY;
    }
}
