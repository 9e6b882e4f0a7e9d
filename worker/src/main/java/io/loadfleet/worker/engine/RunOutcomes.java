package io.loadfleet.worker.engine;

import io.loadfleet.worker.sink.SendListener;

/** How the sends of one run end: settled in the run's acked watermark, and counted in its shard's stats. */
record RunOutcomes(ShardStats stats, AckedWatermark watermark) implements SendListener {

    // The watermark first: once the stats count every record acked, the watermark has them all.
    @Override
    public void acked(long intendedNanos, long sequence) {
        watermark.settle(sequence, true);
        stats.acked(intendedNanos, sequence);
    }

    @Override
    public void failed(long intendedNanos, long sequence, Exception error) {
        watermark.settle(sequence, false);
        stats.failed(intendedNanos, sequence, error);
    }
}
