package io.loadfleet.worker.engine;

import io.loadfleet.api.status.LatencyPercentiles;
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
        LatencyPercentiles publishLatencyMs,
        LatencyPercentiles scheduleDelayMs,
        String lastError,
        RatePrecision ratePrecision,
        List<Shard> shards) {

    /** One shard's plan and counts; the device range is half-open: [deviceStart, deviceEnd). */
    public record Shard(int index, long rate, long deviceStart, long deviceEnd, long sent, long acked, long errors) {
    }

    /** True when every record sent was acknowledged. */
    public boolean clean() {
        return errors == 0 && acked == sent;
    }
}
