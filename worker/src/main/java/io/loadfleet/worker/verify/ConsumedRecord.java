package io.loadfleet.worker.verify;

/**
 * One record as read back, with the producer identity from its headers (Kafka) or properties
 * (Pulsar); {@code profile} is null when it carries none (not sent by loadfleet).
 *
 * @param partition where it was read from; order is only promised within one partition
 * @param position  its offset in the partition (Kafka), or {@link #NO_POSITION} where the broker gives
 *                  none to compare (Pulsar)
 */
public record ConsumedRecord(
        String profile,
        int shard,
        long epoch,
        long sequence,
        String partition,
        long position,
        long eventTimeMillis,
        long consumeTimeMillis,
        byte[] value) {
    public static final long NO_POSITION = -1;
}
