package io.loadfleet.worker.verify;

/** Reads the identity values (decimal text) a record carries; a record without them has no profile. */
final class Identity {
    private Identity() {}

    static ConsumedRecord of(
            String profile,
            String shard,
            String epoch,
            String sequence,
            int partition,
            RecordPosition position,
            long eventTimeMillis,
            long consumeTimeMillis,
            byte[] value) {
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
                        value);
            }
        } catch (NumberFormatException malformed) {
            // counted as foreign below
        }
        return new ConsumedRecord(null, -1, -1, -1, partition, position, eventTimeMillis, consumeTimeMillis, value);
    }
}
