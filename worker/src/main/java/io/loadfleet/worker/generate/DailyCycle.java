package io.loadfleet.worker.generate;

/** Time-of-day shapes of the event time; hours are fractional, in [0, 24). */
final class DailyCycle {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private DailyCycle() {}

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
        return Math.cos(angle(hour - peakHour));
    }

    static Peak peak(double hour) {
        return new Peak(Math.cos(angle(hour)), Math.sin(angle(hour)));
    }

    private static double angle(double hours) {
        return 2 * Math.PI * hours / 24;
    }

    /** The peak hour of a wave, as the cosine and sine of its angle on the day's circle. */
    record Peak(double cos, double sin) {}

    /**
     * An hour as the cosine and sine of its angle, so waves peaking at different hours cost a
     * multiply-add each (cos(h - p) = cos h cos p + sin h sin p) instead of a cosine each.
     */
    record Hour(double cos, double sin) {

        /** The local mean solar hour at {@code longitude}. */
        static Hour solar(long epochMillis, double longitude) {
            double angle = angle(solarHour(epochMillis, longitude));
            return new Hour(Math.cos(angle), Math.sin(angle));
        }

        /** {@link DailyCycle#wave} of this hour. */
        double wave(Peak peak) {
            return cos * peak.cos() + sin * peak.sin();
        }
    }

    /** Days since the epoch, fractional, for cycles longer than a day. */
    static double days(long epochMillis) {
        return epochMillis / (double) MILLIS_PER_DAY;
    }
}
