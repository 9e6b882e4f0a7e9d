package io.loadfleet.worker.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/** Makes the {@link DevicePicker} of a {@link DeviceChoice} for one shard. */
public final class DevicePickers {

    /**
     * Salts the profile seed for device choices, apart from every record type's stream (those are
     * salted with the type's name), so drawing devices leaves the records' values as they were.
     */
    private static final long DEVICE_SALT = RecordRandom.mix("devices".hashCode());

    private DevicePickers() {}

    /**
     * The picker of {@code choice} over a shard's {@code count} devices; null for round robin,
     * which the shard keeps inline as {@code seq % count} so the default path costs nothing.
     */
    public static DevicePicker of(DeviceChoice choice, long seed, int shard, long count) {
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a shard holds 1 to " + Integer.MAX_VALUE + " devices: " + count);
        }
        long pickerSeed = seed ^ DEVICE_SALT;
        if (choice instanceof DeviceChoice.RoundRobin) {
            return null;
        } else if (choice instanceof DeviceChoice.UniformRandom) {
            return new UniformPicker(pickerSeed, shard, count);
        } else if (choice instanceof DeviceChoice.Zipf zipf) {
            return new ZipfPicker(pickerSeed, shard, (int) count, zipf.exponent());
        } else if (choice instanceof DeviceChoice.HotSet hotSet) {
            long hot = hotDevices(hotSet.hotFraction(), count);
            return hot == count
                    ? new UniformPicker(pickerSeed, shard, count)
                    : new HotSetPicker(pickerSeed, shard, count, hot, hotSet.hotShare());
        }
        throw new IllegalArgumentException("unknown device choice " + choice);
    }

    /**
     * ceil(hotFraction × count), at least 1, taken on the fraction as written (0.07 × 100 is 7, not
     * the 8 that the binary product 7.000000000000001 would round up to).
     */
    static long hotDevices(double hotFraction, long count) {
        long hot = BigDecimal.valueOf(hotFraction)
                .multiply(BigDecimal.valueOf(count))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
        return Math.max(1, Math.min(count, hot));
    }

    /** A picker that draws from the record's own device stream, positioned afresh per record. */
    private abstract static class Drawn implements DevicePicker {
        final RecordRandom random = new RecordRandom();
        private final long seed;
        private final int shard;

        Drawn(long seed, int shard) {
            this.seed = seed;
            this.shard = shard;
        }

        @Override
        public final long offset(long sequence) {
            random.reset(seed, shard, sequence);
            return draw();
        }

        abstract long draw();

        /** Uniform in [0, bound), from the top 53 bits of one draw (bias below bound / 2^53). */
        final long below(long bound) {
            return (long) (random.nextDouble() * bound);
        }
    }

    private static final class UniformPicker extends Drawn {
        private final long count;

        UniformPicker(long seed, int shard, long count) {
            super(seed, shard);
            this.count = count;
        }

        @Override
        long draw() {
            return below(count);
        }
    }

    /**
     * Commons RNG's rejection-inversion sampler (Hörmann and Derflinger): O(1) memory and time per
     * draw at any count and any exponent above 0, fed by the positioned stream.
     */
    private static final class ZipfPicker extends Drawn {
        private final SharedStateDiscreteSampler ranks;

        ZipfPicker(long seed, int shard, int count, double exponent) {
            super(seed, shard);
            ranks = RejectionInversionZipfSampler.of(random::nextLong, count, exponent);
        }

        @Override
        long draw() {
            return ranks.sample() - 1L;
        }
    }

    private static final class HotSetPicker extends Drawn {
        private final long count;
        private final long hot;
        private final double hotShare;

        HotSetPicker(long seed, int shard, long count, long hot, double hotShare) {
            super(seed, shard);
            this.count = count;
            this.hot = hot;
            this.hotShare = hotShare;
        }

        @Override
        long draw() {
            return random.chance(hotShare) ? below(hot) : hot + below(count - hot);
        }
    }
}
