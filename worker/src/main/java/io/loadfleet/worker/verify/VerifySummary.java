package io.loadfleet.worker.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.LatencyPercentiles;
import java.util.List;

/**
 * What {@code verify} found, as written by {@code --summary FILE.json}.
 *
 * @param records       records that carry loadfleet's identity
 * @param foreign       records without it (not sent by loadfleet), left out of everything else
 * @param undecodable   records whose value is not a well-formed record of the given format
 * @param endToEndMs    consume time minus event time (the scheduled send time); records whose event time is
 *                      shifted back or late on purpose (spec.faults) are left out
 * @param injected      records marked as injected by spec.faults, counted apart from lost, duplicates and
 *                      outOfOrder; null when there were none
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
        @JsonInclude(JsonInclude.Include.NON_NULL) InjectedFaults injected,
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
            long outOfOrder,
            @JsonInclude(JsonInclude.Include.NON_NULL) InjectedFaults injected) {}

    /** Nothing lost and nothing duplicated. */
    public boolean clean() {
        return lost == 0 && duplicates == 0;
    }
}
