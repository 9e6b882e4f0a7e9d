package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What live verification found: the consumers' count of the records the producers sent and the
 * broker acknowledged. The same fields in {@code run --verify}'s summary JSON.
 *
 * @param records      loadfleet records consumed, once per record (a redelivered one counts once)
 * @param lost         acknowledged records that no consumer saw within the grace period
 * @param duplicates   records seen more than once (a second copy in the topic, not a redelivery)
 * @param outOfOrder   steps back in a stream's sequence within one partition
 * @param foreign      records without loadfleet's identity
 * @param undecodable  loadfleet records whose value is not a well-formed record of the format
 * @param lag          acknowledged records not consumed yet, still within the grace period
 * @param e2eLatencyMs consume time minus event time
 * @param firstMissing for each stream with lost records, the first few missing sequences
 * @param fromEpoch    in a cluster, the first epoch verified: the first one the fleet started after every
 *                     partition had a verifier (earlier records are not judged); null for a local run
 * @param injected     records marked as injected by spec.faults, counted apart: an injected copy is no
 *                     duplicate (records counts it, as any copy), a late record no step back, and neither an
 *                     out-of-order nor a late record's latency is in e2eLatencyMs; null when none was consumed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyStatus(
        @JsonPropertyDescription("loadfleet records consumed, once per record (a redelivered one counts once).")
        long records,

        @JsonPropertyDescription("Acknowledged records that no verifier saw within the grace period.")
        long lost,

        @JsonPropertyDescription("Records seen more than once (a second copy in the topic, not a redelivery).")
        long duplicates,

        @JsonPropertyDescription("Steps back in a stream's sequence within one partition.")
        long outOfOrder,

        @JsonPropertyDescription("Records without loadfleet's identity.")
        long foreign,

        @JsonPropertyDescription("loadfleet records whose value is not a well-formed record of the format.")
        long undecodable,

        @JsonPropertyDescription("Acknowledged records not consumed yet, still within the grace period.")
        long lag,

        @JsonPropertyDescription("End-to-end latency: consume time minus event time.")
        LatencyPercentiles e2eLatencyMs,

        @JsonPropertyDescription("For each stream with lost records, the first missing sequences.")
        List<MissingRecords> firstMissing,

        @JsonPropertyDescription("The first epoch verified: the first the fleet started after every partition had "
                + "a verifier; records of earlier epochs are not judged.")
        Long fromEpoch,

        @JsonPropertyDescription("Records spec.faults injected on purpose, as consumed, counted apart: an injected "
                + "copy is no duplicate, a late record no step back, and e2eLatencyMs leaves out the records whose "
                + "event time is shifted back or late on purpose. Absent when none was consumed.")
        InjectedFaults injected) {

    /** Up to {@link #MAX_LISTED} missing sequences of one stream (profile, shard, epoch), lowest first. */
    public record MissingRecords(
            @JsonPropertyDescription("The profile that sent them.")
            String profile,

            @JsonPropertyDescription("The shard (pod ordinal) that sent them.")
            int shard,

            @JsonPropertyDescription("The epoch they were sent in.")
            long epoch,

            @JsonPropertyDescription("The first missing sequence numbers, lowest first.")
            List<Long> sequences) {
        public static final int MAX_LISTED = 10;
    }

    /** Nothing acknowledged was lost or duplicated. */
    public boolean clean() {
        return lost == 0 && duplicates == 0;
    }
}
