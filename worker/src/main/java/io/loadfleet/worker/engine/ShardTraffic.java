package io.loadfleet.worker.engine;

import io.loadfleet.api.control.TrafficShape;
import io.loadfleet.api.spec.DeviceOrder;
import io.loadfleet.api.spec.DistributionSpec;
import io.loadfleet.worker.generate.DeviceChoice;
import io.loadfleet.worker.pace.ArrivalShape;

/** The worker's reading of a validated spec's traffic shape ({@link TrafficShape}, null for the default). */
final class ShardTraffic {
    private ShardTraffic() {}

    /** When a shard's records leave. */
    static ArrivalShape arrivals(TrafficShape traffic) {
        return ArrivalShape.of(traffic == null ? null : traffic.arrival());
    }

    /** Which device of its range each of a shard's records belongs to. */
    static DeviceChoice devices(TrafficShape traffic) {
        DistributionSpec d = traffic == null ? null : traffic.distribution();
        if (d != null && d.isSkewed()) {
            return switch (d.effectiveType()) {
                case ZIPF -> new DeviceChoice.Zipf(d.effectiveExponent());
                case HOTSET -> new DeviceChoice.HotSet(d.effectiveHotFraction(), d.effectiveHotShare());
                case UNIFORM -> throw new IllegalStateException("uniform is not skewed");
            };
        }
        return traffic != null && traffic.order() == DeviceOrder.RANDOM
                ? new DeviceChoice.UniformRandom()
                : DeviceChoice.ROUND_ROBIN;
    }
}
