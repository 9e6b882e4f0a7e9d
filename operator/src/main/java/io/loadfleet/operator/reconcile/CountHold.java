package io.loadfleet.operator.reconcile;

import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.operator.coordinate.AppliedEpoch;
import io.loadfleet.operator.status.HeldBackChange;
import java.util.Optional;

/**
 * A fleet sending spec.count keeps its pods: each pod counts its own part of the records, and a pod does not know
 * what another has sent, so splitting the rest over another number of pods could not stay exact. A change of
 * replicas (spec.replicas, kubectl scale, or a targetRate that derives another number) waits; the rate itself
 * still changes live, on the pods there are.
 */
final class CountHold {
    static final String REASON = "ReplicasHeldForCount";

    private CountHold() {}

    /** The held-back change, or empty when the fleet may move to {@code wanted} pods. */
    static Optional<HeldBackChange> of(LoadProfileSpec spec, AppliedEpoch applied, int wanted) {
        if (spec.getCount() == null || !applied.started() || applied.replicas() == wanted) {
            return Optional.empty();
        }
        return Optional.of(new HeldBackChange(
                REASON,
                "spec.count: its " + spec.getCount() + " records are split over " + applied.replicas()
                        + " pod(s) until they are sent, so the change to " + wanted + " pod(s) is not applied; "
                        + "the rate changes on the " + applied.replicas() + " pod(s)"));
    }
}
