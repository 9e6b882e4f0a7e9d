package io.loadfleet.operator.status;

import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.operator.coordinate.AppliedEpoch;
import java.time.Instant;

/**
 * The applied epoch as the LoadProfile's status records it, both ways: the status is the only
 * record of what the pods were told, so an operator restarted mid-fleet carries on from it.
 */
public final class AppliedEpochStatus {

    private AppliedEpochStatus() {}

    /** @param nowMillis the fleet's start when the status has none yet */
    public static AppliedEpoch read(LoadProfileStatus status, long nowMillis) {
        return new AppliedEpoch(
                status.getEpoch() == null ? 0 : status.getEpoch(),
                status.getPlanHash(),
                status.getReplicas() == null ? 0 : status.getReplicas(),
                status.getStartTime() == null ? nowMillis : millis(status.getStartTime()),
                status.getEpochStartTime() == null ? null : millis(status.getEpochStartTime()));
    }

    /** @param desiredReplicas what the status shows as replicas before the first epoch */
    static void write(AppliedEpoch applied, int desiredReplicas, LoadProfileStatus into) {
        into.setEpoch(applied.epoch());
        if (applied.epochStartMillis() != null) {
            into.setEpochStartTime(
                    Instant.ofEpochMilli(applied.epochStartMillis()).toString());
        }
        into.setPlanHash(applied.planHash());
        into.setReplicas(applied.started() ? applied.replicas() : desiredReplicas);
        if (into.getStartTime() == null && applied.started()) {
            into.setStartTime(Instant.ofEpochMilli(applied.startTimeMillis()).toString());
        }
    }

    private static long millis(String rfc3339) {
        return Instant.parse(rfc3339).toEpochMilli();
    }
}
