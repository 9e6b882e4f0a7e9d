package io.loadfleet.worker.testing;

/**
 * One record as a consumer read it back, whatever the broker: its key, the producer identity
 * from its headers (Kafka) or properties (Pulsar), and the device id found in its decoded value.
 */
public record Delivered(
        String key, String profile, int shard, long epoch, long sequence, long eventTimeMillis, String idInValue) {}
