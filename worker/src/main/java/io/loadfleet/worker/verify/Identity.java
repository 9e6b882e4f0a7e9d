package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.OutgoingRecord;

/** Reads the identity values (decimal text) a record carries; a record without them has no profile. */
final class Identity {
    private Identity() {}

    /** @param injected the record's {@link OutgoingRecord#HEADER_INJECTED} value; null when it has none */
    static ConsumedRecord of(
            String profile,
            String shard,
            String epoch,
            String sequence,
            int partition,
            RecordPosition position,
            long eventTimeMillis,
            long consumeTimeMillis,
            byte[] value,
            String injected) {
        try {
            if (profile != null && shard != null && epoch != null && sequence != null) {
                return new ConsumedRecord(
                        profile,
                        Integer.parseInt(shard),
                        Long.parseLong(epoch),
                        Long.parseLong(sequence),
                        partition,
                        position,
                        eventTimeMillis,
                        consumeTimeMillis,
                        value,
                        injected);
            }
        } catch (NumberFormatException malformed) {
            // counted as foreign below
        }
        return new ConsumedRecord(
                null, -1, -1, -1, partition, position, eventTimeMillis, consumeTimeMillis, value, null);
    }
}
