package io.loadfleet.worker.engine;

import io.loadfleet.api.spec.TracingSpec;
import io.loadfleet.worker.generate.RecordRandom;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Picks the records of one shard and epoch that carry a W3C trace context, and builds their
 * {@code traceparent}: {@code 00-<trace-id>-<parent-id>-01} (version 00, sampled). The choice is a
 * hash of (seed, shard, epoch, sequence), so a replay traces the same records; the ids also hash a
 * random number drawn for each sampler, so that no two runs or profiles (which often share the
 * default seed) ever give a tracing backend the same trace id. An unsampled record costs one hash.
 */
public final class TraceSampler {
    private static final long SALT = 0x3C6EF372FE94F82BL; // keeps trace hashes apart from record and trait streams
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH = 55; // 2 + 1 + 32 + 1 + 16 + 1 + 2

    private static final SecureRandom NONCES = new SecureRandom();

    private final long stream;
    /** A record is sampled when the top 53 bits of its hash fall below this. */
    private final long threshold;

    private final long idNonce;

    private TraceSampler(long stream, double ratio, long idNonce) {
        this.stream = stream;
        this.threshold = (long) Math.ceil(ratio * (1L << 53));
        this.idNonce = idNonce;
    }

    /** The sampler of a shard's epoch, or null when the profile traces nothing. */
    public static TraceSampler of(TracingSpec tracing, long seed, int shard, long epoch) {
        if (tracing == null || tracing.getSampleRatio() == null) {
            return null;
        }
        long stream = RecordRandom.mix(RecordRandom.mix(RecordRandom.mix(seed ^ SALT) ^ shard) ^ epoch);
        return new TraceSampler(stream, tracing.getSampleRatio(), NONCES.nextLong());
    }

    /** Whether record {@code sequence} carries a traceparent. */
    public boolean traces(long sequence) {
        return choice(sequence) >>> 11 < threshold;
    }

    private long choice(long sequence) {
        return RecordRandom.mix(stream + sequence * RecordRandom.GOLDEN_GAMMA);
    }

    /** The traceparent of record {@code sequence}, or null when it is not sampled. */
    public byte[] traceparent(long sequence) {
        if (!traces(sequence)) {
            return null;
        }
        long hash = RecordRandom.mix(choice(sequence) ^ idNonce);
        long traceHigh = RecordRandom.mix(hash ^ 1);
        long traceLow = RecordRandom.mix(hash ^ 2);
        long parent = RecordRandom.mix(hash ^ 3);
        // all-zero ids are invalid in the specification
        traceLow = traceHigh == 0 && traceLow == 0 ? 1 : traceLow;
        parent = parent == 0 ? 1 : parent;
        byte[] text = new byte[LENGTH];
        text[0] = '0';
        text[1] = '0';
        text[2] = '-';
        hex(traceHigh, text, 3);
        hex(traceLow, text, 19);
        text[35] = '-';
        hex(parent, text, 36);
        text[52] = '-';
        text[53] = '0';
        text[54] = '1';
        return text;
    }

    private static void hex(long value, byte[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
