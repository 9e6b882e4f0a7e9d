package io.loadfleet.api.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.loadfleet.api.spec.ArrivalSpec;
import io.loadfleet.api.spec.DeviceOrder;
import io.loadfleet.api.spec.DistributionSpec;
import io.loadfleet.api.spec.LoadProfileSpec;

/**
 * How a pod's records are spread over its devices and over time: the part of spec.devices and spec.arrival that
 * a pod keeps for its life (the device count is planned per epoch instead).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficShape(DeviceOrder order, DistributionSpec distribution, ArrivalSpec arrival) {

    /** The spec's shape; null when it asks for none, so a plain profile's pod configuration stays as it was. */
    public static TrafficShape of(LoadProfileSpec spec) {
        DeviceOrder order = spec.getDevices() == null ? null : spec.getDevices().getOrder();
        DistributionSpec distribution =
                spec.getDevices() == null ? null : spec.getDevices().getDistribution();
        ArrivalSpec arrival = spec.getArrival();
        return order == null && distribution == null && arrival == null
                ? null
                : new TrafficShape(order, distribution, arrival);
    }
}
