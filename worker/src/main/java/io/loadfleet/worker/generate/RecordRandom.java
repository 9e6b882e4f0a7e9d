package io.loadfleet.worker.generate;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The random stream behind one record: SplitMix64, positioned by (seed, shard, sequence).
 *
 * <p>Re-positioning per record, instead of running one stream per shard, makes every record a
 * pure function of its coordinates: a replay, a skipped send or a different batch size never
 * shifts the values of later records. One mutable instance per generator keeps it allocation-free.
 */
public final class RecordRandom implements RandomGenerator {

    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    RecordRandom() {}

    /** Positions the stream at the start of reading {@code sequence} of {@code shard}. */
    void reset(long seed, int shard, long sequence) {
        state = mix(mix(mix(seed) ^ shard) ^ sequence);
    }

    @Override
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    @Override
    public double nextDouble() {
        return toUnit(nextLong());
    }

    /** Uniform in [0, bound); the multiply-shift bias is below 2^-32 for the small bounds used here. */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [min, max). */
    double between(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return nextDouble() < p;
    }

    /**
     * Standard normal, by the JDK's modified ziggurat (RandomGenerator's default), which keeps no
     * state between calls. Box-Muller (a log, a square root and a cosine per value) cost iot-sensor,
     * with eight normals a record, about a third of its generation time.
     */
    @Override
    public double nextGaussian() {
        return RandomGenerator.super.nextGaussian();
    }

    /** A version-4 UUID built from this stream's bits, so ids replay with the records. */
    String nextUuid() {
        return nextUuidValue().toString();
    }

    /** {@link #nextUuid} as its 128 bits. */
    UUID nextUuidValue() {
        long msb = (nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The SplitMix64 finalizer: a bijection that spreads every input bit over the output. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits as a double in [0, 1). */
    static double toUnit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
