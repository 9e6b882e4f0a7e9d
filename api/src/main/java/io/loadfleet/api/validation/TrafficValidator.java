package io.loadfleet.api.validation;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.ArrivalProcess;
import io.loadfleet.api.spec.ArrivalSpec;
import io.loadfleet.api.spec.DeviceOrder;
import io.loadfleet.api.spec.DevicesSpec;
import io.loadfleet.api.spec.DistributionSpec;
import io.loadfleet.api.spec.DistributionType;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.LoadProfileSpec;
import java.time.Duration;
import java.util.List;

/** The traffic's shape: which devices records belong to (spec.devices), when they leave (spec.arrival), how many. */
final class TrafficValidator {
    private TrafficValidator() {}

    static void validate(List<Problem> problems, LoadProfileSpec spec) {
        if (spec.getDevices() != null) {
            devices(problems, spec.getDevices());
        }
        if (spec.getArrival() != null) {
            arrival(problems, spec.getArrival());
        }
        Long count = spec.getCount();
        if (count != null && (count < 1 || count > Limits.MAX_COUNT)) {
            problems.add(new Problem(
                    "spec.count",
                    count + " is out of range: use 1 to " + Limits.MAX_COUNT + ", or leave it out to send until "
                            + "stopped (or for spec.duration)"));
        }
    }

    private static void devices(List<Problem> problems, DevicesSpec devices) {
        DistributionSpec d = devices.getDistribution();
        if (d == null) {
            return;
        }
        if (devices.getOrder() == DeviceOrder.ROUND_ROBIN && d.isSkewed()) {
            problems.add(new Problem(
                    "spec.devices.order",
                    "round-robin visits every device equally often, which a skewed distribution contradicts: set "
                            + "order: random or leave it out"));
        }
        DistributionType type = d.effectiveType();
        String at = "spec.devices.distribution";
        if (d.getExponent() != null) {
            if (type != DistributionType.ZIPF) {
                problems.add(new Problem(at + ".exponent", "is for type zipf only: remove it or set type: zipf"));
            } else if (!(d.getExponent() > 0 && d.getExponent() <= DistributionSpec.MAX_ZIPF_EXPONENT)) {
                problems.add(new Problem(
                        at + ".exponent",
                        d.getExponent() + " is out of range: use above 0 and at most "
                                + (int) DistributionSpec.MAX_ZIPF_EXPONENT + ", e.g. 1.1"));
            }
        }
        if ((d.getHotFraction() != null || d.getHotShare() != null) && type != DistributionType.HOTSET) {
            problems.add(new Problem(
                    at, "hotFraction and hotShare are for type hotset only: set type: hotset or remove them"));
            return;
        }
        if (d.getHotFraction() != null && !(d.getHotFraction() > 0 && d.getHotFraction() < 1)) {
            problems.add(new Problem(
                    at + ".hotFraction",
                    d.getHotFraction()
                            + " is out of range: use above 0 and below 1, e.g. 0.01 for 1 % of the devices"));
        }
        if (d.getHotShare() != null && !(d.getHotShare() >= 0 && d.getHotShare() <= 1)) {
            problems.add(new Problem(
                    at + ".hotShare",
                    d.getHotShare() + " is out of range: use 0 to 1, e.g. 0.5 for half of the records"));
        }
    }

    private static void arrival(List<Problem> problems, ArrivalSpec arrival) {
        boolean bursts = arrival.effectiveProcess() == ArrivalProcess.BURSTS;
        if (!bursts && (arrival.getSize() != null || arrival.getEvery() != null)) {
            problems.add(new Problem(
                    "spec.arrival", "size and every are for process bursts only: set process: bursts or remove them"));
            return;
        }
        if (!bursts) {
            return;
        }
        Integer size = arrival.getSize();
        if (size == null) {
            problems.add(new Problem(
                    "spec.arrival.size",
                    "is required for process bursts: give the records each burst sends at once, e.g. size: 20"));
        } else if (size < 1 || size > ArrivalSpec.MAX_BURST_SIZE) {
            problems.add(new Problem(
                    "spec.arrival.size", size + " is out of range: use 1 to " + ArrivalSpec.MAX_BURST_SIZE));
        }
        String every = arrival.getEvery();
        if (every != null) {
            Duration d = Durations.parse(every).orElse(null);
            if (d == null || d.isZero() || d.compareTo(ArrivalSpec.MAX_EVERY) > 0) {
                problems.add(new Problem(
                        "spec.arrival.every",
                        "\"" + every + "\" is not a duration above 0 and at most 1h: use e.g. 1s or 500ms, or leave "
                                + "it out for 1s"));
            }
        }
    }
}
