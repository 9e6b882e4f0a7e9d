package io.loadfleet.worker.verify;

/**
 * One record as read back, with the producer identity from its headers (Kafka) or properties
 * (Pulsar); {@code profile} is null when it carries none (not sent by loadfleet).
 *
 * @param partition the index of the partition it was read from (0 for a topic without partitions); order is
 *                  only promised within one partition
 * @param position  where it sits in that partition
 * @param injected  the fault spec.faults injected it as, one of {@code OutgoingRecord}'s {@code INJECTED_} values;
 *                  null for a record sent as planned (a mark this version does not know counts as that too)
 */
public record ConsumedRecord(
        String profile,
        int shard,
        long epoch,
        long sequence,
        int partition,
        RecordPosition position,
        long eventTimeMillis,
        long consumeTimeMillis,
        byte[] value,
        String injected) {}
