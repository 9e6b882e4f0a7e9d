package io.loadfleet.operator.coordinate;

import io.loadfleet.api.spec.LoadProfileSpec;

/**
 * The plan the spec wants now.
 *
 * @param replicas    the pods it is split over
 * @param fingerprint its {@link PlanFingerprint}: a different one needs a new epoch
 */
public record DesiredPlan(LoadProfileSpec spec, int replicas, String fingerprint) {

    public static DesiredPlan of(LoadProfileSpec spec, int replicas) {
        return new DesiredPlan(spec, replicas, PlanFingerprint.of(spec, replicas));
    }
}
