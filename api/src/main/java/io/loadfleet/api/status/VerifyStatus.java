package io.loadfleet.api.status;

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
 */
public record VerifyStatus(
        long records,
        long lost,
        long duplicates,
        long outOfOrder,
        long foreign,
        long undecodable,
        long lag,
        LatencyPercentiles e2eLatencyMs,
        List<MissingRecords> firstMissing) {

    /** Up to {@link #MAX_LISTED} missing sequences of one stream (profile, shard, epoch), lowest first. */
    public record MissingRecords(String profile, int shard, long epoch, List<Long> sequences) {
        public static final int MAX_LISTED = 10;
    }

    /** Nothing acknowledged was lost or duplicated. */
    public boolean clean() {
        return lost == 0 && duplicates == 0;
    }
}
