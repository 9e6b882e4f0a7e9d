package io.loadfleet.worker.fleet;

import java.util.List;

/** What a run did, as written by {@code run --summary FILE.json}. */
public record RunSummary(
        String profile,
        String generator,
        String format,
        String sink,
        boolean maxRate,
        long targetRate,
        double durationSeconds,
        long sent,
        long acked,
        long errors,
        double achievedRate,
        double meanValueBytes,
        Percentiles publishLatencyMs,
        Percentiles scheduleDelayMs,
        String lastError,
        List<Shard> shards) {

    /** One shard's plan and counts; the device range is half-open: [deviceStart, deviceEnd). */
    public record Shard(int index, long rate, long deviceStart, long deviceEnd, long sent, long acked, long errors) {
    }

    /** Milliseconds at the usual percentiles, from an HdrHistogram of microseconds. */
    public record Percentiles(long count, double p50, double p99, double p999, double max) {
        public static Percentiles of(org.HdrHistogram.Histogram micros) {
            return new Percentiles(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    /** True when every record sent was acknowledged. */
    public boolean clean() {
        return errors == 0 && acked == sent;
    }
}
