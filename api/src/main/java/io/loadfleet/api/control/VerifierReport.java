package io.loadfleet.api.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A verifier pod's answer to {@code GET /verify/report} (and to {@code PUT /verify/assignment}, as of
 * the moment the assignment took effect): everything this process has counted since it started, and the
 * position after the last record counted in each partition it reads. The two are one snapshot, so a
 * successor that goes on from these positions counts exactly what this report does not.
 *
 * @param incarnation     names this process: a restarted verifier reports another, and the operator keeps
 *                        what the previous one had reported
 * @param version         the assignment it runs; 0 before the first
 * @param topicPartitions the topic's partitions (1 for a topic without partitions); 0 until known
 * @param positions       per partition it reads, where a successor goes on from; null position while it has
 *                        not yet found the partition's end
 * @param released        per partition it read and was told to let go of (the latest time), the final position
 *                        after the last record it counted there
 * @param streams         what it consumed per stream
 * @param records         loadfleet records consumed (a redelivered one once, a second copy again)
 * @param foreign         records without loadfleet's identity
 * @param undecodable     loadfleet records whose value is not a well-formed record of the format
 * @param e2eLatency      consume time minus event time, µs, a {@link HistogramCodec} text; null before any
 * @param problem         why it cannot consume (the broker, its credentials) in one line; null when it can
 */
public record VerifierReport(
        String incarnation,
        long version,
        int topicPartitions,
        List<PartitionPosition> positions,
        List<PartitionPosition> released,
        List<StreamLedger> streams,
        long records,
        long foreign,
        long undecodable,
        String e2eLatency,
        String problem) {

    public VerifierReport {
        positions = positions == null ? List.of() : List.copyOf(positions);
        released = released == null ? List.of() : List.copyOf(released);
        streams = streams == null ? List.of() : List.copyOf(streams);
    }

    /** @param position opaque to everyone but a verifier; null while not positioned yet */
    public record PartitionPosition(int partition, String position) {}

    /**
     * One stream's (profile, shard, epoch) ledger.
     *
     * @param seen       the sequences consumed, a {@link BitmapCodec} text; an injected duplicate copy is not in it
     * @param duplicates second copies (at a new position) of a sequence already seen by this process, injected
     *                   ones apart: a second injected copy of a sequence is one
     * @param outOfOrder steps back in the stream's sequence within one partition (a late record takes none)
     * @param injectedDuplicates the sequences whose injected copy (spec.faults) this process consumed; left out
     *                           of the JSON when 0, as are the two below
     * @param injectedOutOfOrder the records marked as injected out of order it consumed, each sequence once
     * @param injectedLate       the records marked as injected late it consumed, each sequence once
     */
    public record StreamLedger(
            String profile,
            int shard,
            long epoch,
            String seen,
            long records,
            long duplicates,
            long outOfOrder,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) long injectedDuplicates,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) long injectedOutOfOrder,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) long injectedLate) {}

    /** Whether every partition it reads has a position to go on from. */
    public boolean positioned() {
        return version > 0 && positions.stream().allMatch(p -> p.position() != null);
    }

    /** Without the ledgers' base64, which says nothing to a reader of a log or a failed test. */
    @Override
    public String toString() {
        return "VerifierReport[" + incarnation + " version " + version + " partitions " + positions + " streams "
                + streams.size() + " records " + records + " foreign " + foreign + " undecodable " + undecodable
                + (problem == null ? "" : " problem " + problem) + "]";
    }
}
