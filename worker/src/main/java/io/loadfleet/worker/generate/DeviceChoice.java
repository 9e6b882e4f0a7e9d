package io.loadfleet.worker.generate;

/**
 * How a shard spreads its records over its devices: the worker's side of spec.devices.order and
 * spec.devices.distribution. Every choice is per shard: each shard's range has its own hot devices.
 */
public sealed interface DeviceChoice {

    /** Devices take turns: record {@code seq} goes to offset {@code seq % count} (the default). */
    DeviceChoice ROUND_ROBIN = new RoundRobin();

    /** Devices take turns, as meters reporting on a fixed interval do. */
    record RoundRobin() implements DeviceChoice {}

    /** Each record draws a device uniformly from the shard's range. */
    record UniformRandom() implements DeviceChoice {}

    /**
     * Each record draws a device by Zipf's law: the device of rank {@code k} is drawn with
     * probability {@code k^-exponent / H(count, exponent)}. Rank {@code k} is offset {@code k - 1}:
     * the shard's first device is its busiest, so the hot keys are known in advance (a consumer can
     * check the skew it sees), and the same devices are hot as with {@link HotSet}. Contiguous ids
     * do not crowd a partition: the key's hash spreads them.
     */
    record Zipf(double exponent) implements DeviceChoice {
        public Zipf {
            if (!(exponent > 0) || Double.isInfinite(exponent)) {
                throw new IllegalArgumentException("zipf exponent must be a finite number above 0: " + exponent);
            }
        }
    }

    /**
     * A hot set: the first {@code ceil(hotFraction × count)} devices (at least one) send a share
     * {@code hotShare} of the records, each hot device equally, and the others the rest, each cold
     * device equally. When every device is hot, all are drawn uniformly.
     */
    record HotSet(double hotFraction, double hotShare) implements DeviceChoice {
        public HotSet {
            if (!(hotFraction > 0 && hotFraction <= 1)) {
                throw new IllegalArgumentException("hotFraction must be above 0 and at most 1: " + hotFraction);
            }
            if (!(hotShare >= 0 && hotShare <= 1)) {
                throw new IllegalArgumentException("hotShare must be within 0..1: " + hotShare);
            }
        }
    }
}
