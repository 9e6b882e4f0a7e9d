package io.loadfleet.worker.verify;

import io.loadfleet.api.status.LatencyPercentiles;
import java.util.List;

/**
 * What {@code verify} found, as written by {@code --summary FILE.json}.
 *
 * @param records       records that carry loadfleet's identity
 * @param foreign       records without it (not sent by loadfleet), left out of everything else
 * @param undecodable   records whose value is not a well-formed record of the given format
 * @param endToEndMs    consume time minus event time (the scheduled send time)
 */
public record VerifySummary(
        String topic,
        long records,
        long lost,
        long duplicates,
        long outOfOrder,
        long foreign,
        long undecodable,
        LatencyPercentiles endToEndMs,
        List<StreamSummary> streams) {

    /** One producer shard in one epoch; {@code highestSequence} is -1 when it sent nothing. */
    public record StreamSummary(
            String profile,
            int shard,
            long epoch,
            long records,
            long highestSequence,
            long lost,
            long duplicates,
            long outOfOrder) {}

    /** Nothing lost and nothing duplicated. */
    public boolean clean() {
        return lost == 0 && duplicates == 0;
    }
}
