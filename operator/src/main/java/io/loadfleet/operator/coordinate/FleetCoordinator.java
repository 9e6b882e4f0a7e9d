package io.loadfleet.operator.coordinate;

import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Drives one fleet's workers in a pass: observe (ask every pod at once), decide (a pure
 * {@link EpochDecider}), act (push what was decided), summarise (sum what the pods said). What was
 * applied comes in with the pass, from the LoadProfile's status; the only state kept here is each
 * fleet's rate window.
 */
public final class FleetCoordinator {
    /** achievedRate spans about this long. */
    public static final Duration RATE_WINDOW = RateWindow.SPAN;
    /** One deadline for all of a pass's questions, and one for all of its pushes. */
    public static final PassDeadline PASS_DEADLINE = new PassDeadline(WorkerClient.TIMEOUT);

    private final FleetObserver observer;
    private final AssignmentPusher pusher;
    private final LongSupplier wallClockMillis;
    /** Rate windows by fleet id, and by fleet id, this separator and sink type for each sink's own rate. */
    private final Map<String, RateWindow> rates = new ConcurrentHashMap<>();

    private static final String SINK_KEY = "/sink/";

    public FleetCoordinator(WorkerClient client) {
        this(client, PASS_DEADLINE.length(), System::currentTimeMillis);
    }

    FleetCoordinator(WorkerClient client, Duration deadline, LongSupplier wallClockMillis) {
        PassDeadline passDeadline = new PassDeadline(deadline);
        this.observer = new FleetObserver(client, passDeadline);
        this.pusher = new AssignmentPusher(client, passDeadline);
        this.wallClockMillis = wallClockMillis;
    }

    /**
     * @param fleetId identifies the fleet across passes (the LoadProfile's uid)
     * @param applied what the pods were told before this pass, from the LoadProfile's status
     */
    public FleetReport coordinate(
            String fleetId, DesiredPlan desired, AppliedEpoch applied, List<FleetPod> pods, long nowNanos) {
        FleetObservation seen = observer.observe(pods);
        EpochDecision decision = EpochDecider.decide(applied, seen.answering(), desired, wallClockMillis.getAsLong());
        AppliedEpoch now = applied;
        boolean newEpoch = false;
        if (decision instanceof EpochDecision.StartEpoch start) {
            newEpoch = pusher.startEpoch(start, seen.addresses());
            now = newEpoch ? start.epoch() : applied;
        } else if (decision instanceof EpochDecision.Keep keep) {
            pusher.catchUp(keep, seen.addresses());
        }
        // waiting: a new plan whose pods are not all there yet, or did not all take it
        boolean waiting = decision instanceof EpochDecision.AwaitPods
                || decision instanceof EpochDecision.StartEpoch && !newEpoch;
        FleetTotals totals = FleetTotals.of(seen.answering().values());
        // A Parquet file sink acks a minute of records at once when its file ends: the rate counts them when written.
        Double rate = rates.computeIfAbsent(fleetId, id -> new RateWindow())
                .add(totals.counters().written(), totals.counters().sent(), nowNanos);
        Map<String, Double> sinkRates = new LinkedHashMap<>();
        for (FleetTotals.SinkTotal sink : totals.sinks()) {
            Double sinkRate = rates.computeIfAbsent(fleetId + SINK_KEY + sink.type(), id -> new RateWindow())
                    .add(sink.counters().written(), sink.counters().sent(), nowNanos);
            if (sinkRate != null) {
                sinkRates.put(sink.type(), sinkRate);
            }
        }
        return new FleetReport(
                now, newEpoch, waiting, seen, totals, rate, sinkRates, allFinished(now, seen.answering()));
    }

    private static boolean allFinished(AppliedEpoch applied, Map<Integer, WorkerStatus> answering) {
        return applied.replicas() > 0
                && IntStream.range(0, applied.replicas())
                        .allMatch(i ->
                                answering.containsKey(i) && answering.get(i).state() == WorkerState.FINISHED);
    }

    /** Forgets fleets that no longer exist (deleted LoadProfiles need no finalizer for this). */
    public void retainOnly(Set<String> fleetIds) {
        rates.keySet().removeIf(key -> !fleetIds.contains(key.split(SINK_KEY, 2)[0]));
    }
}
