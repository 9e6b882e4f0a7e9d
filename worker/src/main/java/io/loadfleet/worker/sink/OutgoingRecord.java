package io.loadfleet.worker.sink;

import io.loadfleet.worker.records.GeneratedRecord;
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
    /** The header (Kafka) or property (Pulsar) of a traced record's W3C trace context, as the specification names it. */
    public static final String HEADER_TRACEPARENT = "traceparent";
    /**
     * The header (Kafka) or property (Pulsar) that marks a record spec.faults injected on purpose, with one of the
     * values below; a record sent as planned has none.
     */
    public static final String HEADER_INJECTED = "loadfleet.injected";
    /** A copy of the record before it, sent right after it. */
    public static final String INJECTED_DUPLICATE = "duplicate";
    /** A record sent on time with its event time shifted back. */
    public static final String INJECTED_OUT_OF_ORDER = "out-of-order";
    /** A record held back and sent after later ones, with its own event time. */
    public static final String INJECTED_LATE = "late";

    private final int shardIndex;
    private final String profileText;
    private final String shardText;
    private final String epochText;
    private final byte[] profile;
    private final byte[] shard;
    private final byte[] epoch;
    public byte[] key;
    public byte[] value;
    /** The record {@link #value} encodes, for sinks that store its fields (files); valid during {@code send}. */
    public GeneratedRecord record;

    public long eventTimeMillis;
    public long sequence;
    public long intendedNanos;
    /** The record's W3C {@code traceparent} (ASCII), or null when it is not traced. */
    public byte[] traceparent;
    /** The fault this record was injected as, one of the {@code INJECTED_} values; null for a record sent as planned. */
    public String injected;

    public OutgoingRecord(String profile, int shard, long epoch) {
        this.shardIndex = shard;
        this.profileText = profile;
        this.shardText = Integer.toString(shard);
        this.epochText = Long.toString(epoch);
        this.profile = ascii(profileText);
        this.shard = ascii(shardText);
        this.epoch = ascii(epochText);
    }

    /** Identity values as text, for message properties (Pulsar). */
    public String profileText() {
        return profileText;
    }

    public int shard() {
        return shardIndex;
    }

    public String shardText() {
        return shardText;
    }

    public String epochText() {
        return epochText;
    }

    public String sequenceText() {
        return Long.toString(sequence);
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
        return ascii(sequenceText());
    }

    /** The value of {@link #HEADER_INJECTED}; for an injected record only. */
    public byte[] injectedHeader() {
        return ascii(injected);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
