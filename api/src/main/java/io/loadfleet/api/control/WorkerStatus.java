package io.loadfleet.api.control;

/**
 * A worker's answer to {@code GET /status}. Counters are cumulative over the process's life, so
 * the operator derives rates from two polls and a pod restart shows as counters going back.
 *
 * @param targetRate     the scheduled rate at this moment (follows stages; 0 when idle or paused)
 * @param publishLatency publish latencies (intended send time to ack, µs) since the process started, as a
 *                       base64 compressed HdrHistogram, so the operator can merge the pods' exactly
 * @param scheduleDelay  schedule delays (actual minus intended send time, µs), encoded the same way
 */
public record WorkerStatus(String profile, WorkerState state, long epoch, int shard, int shards, long deviceStart,
        long deviceEnd, double targetRate, long sent, long acked, long errors, String lastError,
        String publishLatency, String scheduleDelay) {

    /** A pod whose sink is not connected yet; {@code problem} says why (null before the first attempt ends). */
    public static WorkerStatus connecting(String profile, String problem) {
        return new WorkerStatus(profile, WorkerState.CONNECTING, 0, -1, 0, 0, 0, 0, 0, 0, 0, problem, null, null);
    }
}
