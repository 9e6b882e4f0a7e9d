package io.loadfleet.worker.sink;

import io.loadfleet.worker.records.GeneratedRecord;
import java.nio.charset.StandardCharsets;

/**
 * The message a shard is sending now. One mutable instance per shard thread; a sink copies what
 * it keeps before {@link RecordSink#send} returns.
 */
public final class OutgoingRecord {
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
    private final String epochText;
    /** {@link RecordIdentity#HEADER}'s value up to the sequence number. */
    private final String identityPrefix;

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
        this.epochText = Long.toString(epoch);
        this.identityPrefix = RecordIdentity.prefix(profile, shard, epoch);
    }

    public String profileText() {
        return profileText;
    }

    public int shard() {
        return shardIndex;
    }

    public String epochText() {
        return epochText;
    }

    /** This record's {@link RecordIdentity#HEADER} value, for a message property (Pulsar). */
    public String identityText() {
        return identityPrefix + sequence;
    }

    /** This record's {@link RecordIdentity#HEADER} value as UTF-8, for a header (Kafka). */
    public byte[] identityHeader() {
        return ascii(identityText());
    }

    /** The value of {@link #HEADER_INJECTED}; for an injected record only. */
    public byte[] injectedHeader() {
        return ascii(injected);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
