package io.loadfleet.worker.generate;

/**
 * Stable per-device attributes (location, type, baselines, a player's currency): a pure hash of
 * (seed, device, trait), so a device looks the same in every shard layout and in every run with
 * the same seed, without storing anything per device.
 */
final class DeviceTraits {

    private static final long SALT = 0x6A09E667F3BCC908L; // keeps traits apart from record streams

    private final long seedHash;

    DeviceTraits(long seed) {
        this.seedHash = RecordRandom.mix(seed ^ SALT);
    }

    /** Uniform in [0, 1), fixed for (seed, id, trait); {@code id} is a device, site or player number. */
    double unit(long id, int trait) {
        return RecordRandom.toUnit(
                RecordRandom.mix(RecordRandom.mix(seedHash ^ id) + trait * RecordRandom.GOLDEN_GAMMA));
    }

    /** Uniform in [min, max), fixed for (seed, id, trait). */
    double between(long id, int trait, double min, double max) {
        return min + (max - min) * unit(id, trait);
    }

    /** An index of {@code weights}, fixed for (seed, id, trait). */
    int pick(long id, int trait, WeightedIndex weights) {
        return weights.pick(unit(id, trait));
    }
}
