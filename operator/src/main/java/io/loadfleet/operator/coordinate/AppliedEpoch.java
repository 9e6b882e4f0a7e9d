package io.loadfleet.operator.coordinate;

/**
 * What the fleet's pods were told: the epoch last pushed to all of the plan's pods.
 *
 * @param epoch            0 before the first push
 * @param planHash         the {@link PlanFingerprint} the epoch carries
 * @param replicas         the pods the epoch's plan is split over
 * @param startTimeMillis  when the fleet's first epoch took effect: stages and duration count from there
 * @param epochStartMillis when this epoch took effect; null when the status predates the field
 */
public record AppliedEpoch(long epoch, String planHash, int replicas, long startTimeMillis, Long epochStartMillis) {

    /** A fleet no pod has been told anything of yet. */
    public static AppliedEpoch none(long startTimeMillis) {
        return new AppliedEpoch(0, null, 0, startTimeMillis, null);
    }

    public boolean started() {
        return epoch > 0;
    }
}
