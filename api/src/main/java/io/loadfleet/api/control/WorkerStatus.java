package io.loadfleet.api.control;

/**
 * A worker's answer to {@code GET /status}. Counters are cumulative over the process's life, so
 * the operator derives rates from two polls and a pod restart shows as counters going back.
 *
 * @param targetRate the scheduled rate at this moment (follows stages; 0 when idle or paused)
 */
public record WorkerStatus(String profile, WorkerState state, long epoch, int shard, int shards, long deviceStart,
        long deviceEnd, double targetRate, long sent, long acked, long errors, String lastError) {
}
