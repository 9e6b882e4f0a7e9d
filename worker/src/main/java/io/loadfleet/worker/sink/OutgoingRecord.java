package io.loadfleet.worker.sink;

import java.nio.charset.StandardCharsets;

/**
 * The message a shard is sending now. One mutable instance per shard thread; a sink copies what
 * it keeps before {@link RecordSink#send} returns.
 */
public final class OutgoingRecord {
    /** Header names of the producer identity, so a consumer can prove no loss or duplication. */
    public static final String HEADER_PROFILE = "loadfleet.profile";
    public static final String HEADER_SHARD = "loadfleet.shard";
    public static final String HEADER_EPOCH = "loadfleet.epoch";
    public static final String HEADER_SEQUENCE = "loadfleet.seq";

    private final byte[] profile;
    private final byte[] shard;
    private final byte[] epoch;
    public byte[] key;
    public byte[] value;
    public long eventTimeMillis;
    public long sequence;
    public long intendedNanos;

    public OutgoingRecord(String profile, int shard, long epoch) {
        this.profile = ascii(profile);
        this.shard = ascii(Integer.toString(shard));
        this.epoch = ascii(Long.toString(epoch));
    }

    /** Header values are UTF-8 text (decimal numbers), readable in any console consumer. */
    public byte[] profileHeader() {
        return profile;
    }

    public byte[] shardHeader() {
        return shard;
    }

    public byte[] epochHeader() {
        return epoch;
    }

    public byte[] sequenceHeader() {
        return ascii(Long.toString(sequence));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
