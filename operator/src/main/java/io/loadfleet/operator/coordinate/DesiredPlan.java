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
        return of(spec, replicas, null);
    }

    /**
     * @param verifyToken live verification's token ({@code LiveVerification.Prepared}): a new one starts a
     *                    new epoch, from which records are judged; null for a fleet without spec.verify
     */
    public static DesiredPlan of(LoadProfileSpec spec, int replicas, String verifyToken) {
        return new DesiredPlan(spec, replicas, PlanFingerprint.of(spec, replicas, verifyToken));
    }
}
