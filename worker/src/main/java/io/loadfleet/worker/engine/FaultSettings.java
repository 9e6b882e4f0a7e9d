package io.loadfleet.worker.engine;

import io.loadfleet.api.spec.FaultsSpec;

/**
 * spec.faults as a shard's run applies it.
 *
 * @param duplicates     share of records followed by an injected copy
 * @param outOfOrder     share of records whose event time is shifted back
 * @param maxShiftMillis the largest shift back, ms: each is uniform in [1, maxShiftMillis]
 * @param late           share of records held back
 * @param delayNanos     how long after it was due a held record is sent
 */
public record FaultSettings(double duplicates, double outOfOrder, long maxShiftMillis, double late, long delayNanos) {

    /** The settings of a validated spec.faults; null when it injects nothing, so a run without faults pays nothing. */
    public static FaultSettings of(FaultsSpec faults) {
        if (faults == null
                || faults.effectiveDuplicates() + faults.effectiveOutOfOrder() + faults.effectiveLate() == 0) {
            return null;
        }
        return new FaultSettings(
                faults.effectiveDuplicates(),
                faults.effectiveOutOfOrder(),
                faults.getOutOfOrder() == null
                        ? 0
                        : faults.getOutOfOrder().effectiveMaxShift().toMillis(),
                faults.effectiveLate(),
                faults.getLate() == null ? 0 : faults.getLate().effectiveDelay().toNanos());
    }
}
