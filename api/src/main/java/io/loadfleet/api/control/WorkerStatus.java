package io.loadfleet.api.control;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A worker's answer to {@code GET /status}, one flat JSON object (its parts are unwrapped into it).
 * Counters are cumulative over the process's life, so the operator derives rates from two polls and
 * a pod restart shows as counters going back.
 *
 * @param range         the shard the pod runs and its devices; {@link ShardRange#NONE} before its first assignment
 * @param targetRate    the scheduled rate at this moment (follows stages; 0 when idle or paused)
 * @param counters      its records since the process started; {@link Counters#written()} counts for a file
 *                      sink also those it acks only at its next flush or when their Parquet file ends (so sent
 *                      minus written is what waits on the sink, and its rate is the rate achieved)
 * @param stalledMillis how long the record now being handed to the sink has waited since its intended send
 *                      time; grows while the sink blocks (no broker, buffer full), 0 between sends
 * @param sinks         each sink's counters and latency, in spec.sink's order (kafka, pulsar, file); with one sink
 *                      its counters are the pod's
 */
public record WorkerStatus(
        String profile,
        WorkerState state,
        long epoch,
        @JsonUnwrapped ShardRange range,
        double targetRate,
        @JsonUnwrapped Counters counters,
        long stalledMillis,
        @JsonUnwrapped Histograms latency,
        List<StreamAcks> streams,
        List<SinkCounters> sinks) {

    public WorkerStatus {
        streams = streams == null ? List.of() : List.copyOf(streams);
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
    }

    /** The shard of the plan a pod runs: its index, the plan's size, and its devices [deviceStart, deviceEnd). */
    public record ShardRange(int shard, int shards, long deviceStart, long deviceEnd) {
        /** No assignment yet. */
        public static final ShardRange NONE = new ShardRange(-1, 0, 0, 0);
    }

    /**
     * The pod's latencies since it started, each a base64 compressed HdrHistogram of microseconds, so
     * the operator can merge the pods' exactly; null where a pod has none to report.
     *
     * @param publishLatency intended send time to ack
     * @param scheduleDelay  actual minus intended send time
     */
    public record Histograms(String publishLatency, String scheduleDelay) {
        public static final Histograms NONE = new Histograms(null, null);
    }

    /**
     * A pod not ready yet: {@code state} is {@link WorkerState#LOADING_INPUT} or {@link WorkerState#CONNECTING},
     * and {@code problem} says why (null before the first attempt ends).
     */
    public static WorkerStatus notReady(String profile, WorkerState state, String problem) {
        return new WorkerStatus(
                profile,
                state,
                0,
                ShardRange.NONE,
                0,
                new Counters(0, 0, 0, 0, problem),
                0,
                Histograms.NONE,
                List.of(),
                List.of());
    }

    /** Without the histograms' base64, which says nothing to a reader of a log or a failed test. */
    @Override
    public String toString() {
        return "WorkerStatus[" + profile + " " + state + " epoch " + epoch + " shard " + range.shard() + "/"
                + range.shards() + " devices [" + range.deviceStart() + ", " + range.deviceEnd() + ") rate "
                + targetRate + " " + counters + " stalled " + stalledMillis + " ms]";
    }
}
