package io.loadfleet.operator.coordinate;

import java.util.Map;

/**
 * The fleet after a pass, for its status.
 *
 * @param applied      the epoch every pod of the plan now runs (unchanged when a change still waits)
 * @param waiting      a plan change is waiting for pods to become ready or to answer
 * @param totals       summed over the ready pods that answered
 * @param achievedRate records written a second over the last {@link FleetCoordinator#RATE_WINDOW}; null
 *                     until two passes far enough apart have counted
 * @param sinkRates    each sink's own achievedRate, by type, where it is known yet
 * @param allFinished  every pod of the plan has sent its whole share (a fleet with a duration)
 */
public record FleetReport(
        AppliedEpoch applied,
        boolean newEpoch,
        boolean waiting,
        FleetObservation observation,
        FleetTotals totals,
        Double achievedRate,
        Map<String, Double> sinkRates,
        boolean allFinished) {}
