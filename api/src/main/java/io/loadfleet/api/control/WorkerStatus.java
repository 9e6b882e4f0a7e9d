package io.loadfleet.api.control;

/**
 * A worker's answer to {@code GET /status}. Counters are cumulative over the process's life, so
 * the operator derives rates from two polls and a pod restart shows as counters going back.
 *
 * @param targetRate     the scheduled rate at this moment (follows stages; 0 when idle or paused)
 * @param written        records the sink has written, cumulative: for a broker the acked ones; for a file sink
 *                       also those it acks only at its next flush or when their Parquet file ends (so sent minus
 *                       written is what waits on the sink, and its rate is the rate achieved)
 * @param stalledMillis  how long the record now being handed to the sink has waited since its intended
 *                       send time; grows while the sink blocks (no broker, buffer full), 0 between sends
 * @param publishLatency publish latencies (intended send time to ack, µs) since the process started, as a
 *                       base64 compressed HdrHistogram, so the operator can merge the pods' exactly
 * @param scheduleDelay  schedule delays (actual minus intended send time, µs), encoded the same way
 */
public record WorkerStatus(
        String profile,
        WorkerState state,
        long epoch,
        int shard,
        int shards,
        long deviceStart,
        long deviceEnd,
        double targetRate,
        long sent,
        long acked,
        long written,
        long errors,
        String lastError,
        long stalledMillis,
        String publishLatency,
        String scheduleDelay) {

    /**
     * A pod not ready yet: {@code state} is {@link WorkerState#LOADING_INPUT} or {@link WorkerState#CONNECTING},
     * and {@code problem} says why (null before the first attempt ends).
     */
    public static WorkerStatus notReady(String profile, WorkerState state, String problem) {
        return new WorkerStatus(profile, state, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, problem, 0, null, null);
    }

    /** This pod's counters, to add up with other pods'. */
    public Counters counters() {
        return new Counters(sent, acked, written, errors, lastError);
    }

    /** Without the histograms' base64, which says nothing to a reader of a log or a failed test. */
    @Override
    public String toString() {
        return "WorkerStatus[" + profile + " " + state + " epoch " + epoch + " shard " + shard + "/" + shards
                + " devices ["
                + deviceStart + ", " + deviceEnd + ") rate " + targetRate + " sent " + sent + " acked " + acked
                + " written " + written + " errors "
                + errors + (lastError == null ? "" : " lastError " + lastError) + " stalled " + stalledMillis + " ms]";
    }
}
