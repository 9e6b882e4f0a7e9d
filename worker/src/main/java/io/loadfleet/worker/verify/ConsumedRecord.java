package io.loadfleet.worker.verify;

/**
 * One record as read back, with the producer identity from its headers (Kafka) or properties
 * (Pulsar); {@code profile} is null when it carries none (not sent by loadfleet).
 *
 * @param partition where it was read from; order is only promised within one partition
 */
public record ConsumedRecord(
        String profile,
        int shard,
        long epoch,
        long sequence,
        String partition,
        long eventTimeMillis,
        long consumeTimeMillis,
        byte[] value) {}
