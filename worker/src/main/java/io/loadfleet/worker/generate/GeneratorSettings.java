package io.loadfleet.worker.generate;

/**
 * What a shard's generator is built from: the profile's seed, the shard number, the shard's
 * devices {@code [deviceStart, deviceEnd)}, the fleet's start in epoch milliseconds (when its
 * schedule began: the same on every pod and in every epoch), from which a dataset's shifted
 * timestamps count, and the epoch whose records it makes.
 *
 * @param epoch the operator's epoch (0 for a local run): each epoch numbers its records from 0, so the
 *              records' random values are drawn per epoch too, or a live rate change would send the same
 *              ids again; a device's stable traits do not depend on it
 */
public record GeneratorSettings(long seed, int shard, long deviceStart, long deviceEnd, long startMillis, long epoch) {

    /** The settings of a generator outside a fleet's run (samples, benchmarks, tests): it starts at the Unix epoch. */
    public GeneratorSettings(long seed, int shard, long deviceStart, long deviceEnd) {
        this(seed, shard, deviceStart, deviceEnd, 0, 0);
    }

    /** The settings of a generator outside a fleet's epochs, starting at {@code startMillis}. */
    public GeneratorSettings(long seed, int shard, long deviceStart, long deviceEnd, long startMillis) {
        this(seed, shard, deviceStart, deviceEnd, startMillis, 0);
    }

    public GeneratorSettings {
        if (shard < 0) {
            throw new IllegalArgumentException("shard must be >= 0: " + shard);
        }
        if (deviceStart < 0 || deviceEnd <= deviceStart) {
            throw new IllegalArgumentException(
                    "device range must be non-empty and non-negative: [" + deviceStart + ", " + deviceEnd + ")");
        }
        if (deviceEnd - deviceStart > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a shard holds at most " + (Integer.MAX_VALUE - 8) + " devices");
        }
    }

    public int deviceCount() {
        return (int) (deviceEnd - deviceStart);
    }

    /** The device's index in per-device arrays. */
    int slotOf(long device) {
        if (device < deviceStart || device >= deviceEnd) {
            throw new IllegalArgumentException(
                    "device " + device + " is outside this shard's range [" + deviceStart + ", " + deviceEnd + ")");
        }
        return (int) (device - deviceStart);
    }
}
