package io.loadfleet.worker.generate;

import java.util.function.LongFunction;

/**
 * Values that depend on the device alone (its id, type, place, baselines), built on first use and
 * kept by the device's slot in the shard, so a record does not rebuild them. Shards of more than
 * {@link #LIMIT} devices build them per record instead of holding that many.
 */
final class PerDeviceCache<T> {
    /** 262,144 devices: 84 MB of heap for iot-sensor's per-device values, the largest kept (320 B a device, measured). */
    static final int LIMIT = 1 << 18;

    private final long deviceStart;
    private final Object[] values;
    private final LongFunction<T> build;

    PerDeviceCache(GeneratorSettings settings, LongFunction<T> build) {
        this.deviceStart = settings.deviceStart();
        this.values = settings.deviceCount() <= LIMIT ? new Object[settings.deviceCount()] : null;
        this.build = build;
    }

    /** The value of {@code device}; devices outside the shard are built, not kept. */
    @SuppressWarnings("unchecked")
    T get(long device) {
        long slot = device - deviceStart;
        if (values == null || slot < 0 || slot >= values.length) {
            return build.apply(device);
        }
        Object value = values[(int) slot];
        if (value == null) {
            value = build.apply(device);
            values[(int) slot] = value;
        }
        return (T) value;
    }
}
