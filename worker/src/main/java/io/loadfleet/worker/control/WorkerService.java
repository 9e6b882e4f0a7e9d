package io.loadfleet.worker.control;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.SinkCounters;
import io.loadfleet.api.control.StreamAcks;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.plan.StagePlan;
import io.loadfleet.worker.engine.AckedWatermark;
import io.loadfleet.worker.engine.FaultSettings;
import io.loadfleet.worker.engine.LatencyObserver;
import io.loadfleet.worker.engine.RecordBudget;
import io.loadfleet.worker.engine.ShardLauncher;
import io.loadfleet.worker.engine.ShardStats;
import io.loadfleet.worker.engine.ShardTiming;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.RateSchedule;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SinkLeg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One worker pod's data plane: a connected sink that outlives assignments, and at most one shard
 * run. A new epoch is prepared first, then swapped in for the old run, so a rate or range change
 * takes effect within one pacing interval and never reconnects the producer.
 */
public final class WorkerService implements AutoCloseable {
    private static final long STOP_TIMEOUT_MILLIS = 5_000;
    /** How many runs' watermarks the status still reports after their run is forgotten. */
    static final int ENDED_KEPT = 16;

    private final WorkerConfig config;
    private final RecordSink sink;
    private final Clock clock;
    private final ShardStats stats;
    private final ShardLauncher launcher;
    /** Since the process started: the operator merges these across pods into the fleet's percentiles. */
    private final Histogram publishLatency = new Histogram(3);

    private final Histogram scheduleDelay = new Histogram(3);
    /**
     * Runs by effective time, newest last: the newest is the current epoch; older ones are still in
     * force until the next one's effective time (a push arrives ahead of its instant).
     */
    private final java.util.ArrayDeque<Run> runs = new java.util.ArrayDeque<>();
    /** The last run applied, for the runs' own threads, which must not take the lock. */
    private volatile Run newest;

    /** Which part of spec.count {@link #budget} counts: a shard of so many, and its records. */
    private record CountedPart(int shard, int shards, long count) {}

    private CountedPart countedPart;
    private RecordBudget budget;
    /**
     * The watermarks of the last {@link #ENDED_KEPT} runs forgotten, oldest first: acks of a run that has
     * stopped sending still come in, and the verifiers need its final watermark after the next epoch began.
     */
    private final java.util.ArrayDeque<AckedWatermark> ended = new java.util.ArrayDeque<>();

    /**
     * The shard of one epoch, in force from {@code effectiveNanos}; a paused epoch has no shard
     * thread and no watermark (null).
     */
    private record Run(
            Assignment assignment,
            RateSchedule schedule,
            ShardLauncher.ShardThread shard,
            AckedWatermark watermark,
            long effectiveNanos) {
        static Run paused(Assignment a, long effectiveNanos) {
            return new Run(a, RateSchedule.constant(0), null, null, effectiveNanos);
        }

        /** Ends the run at {@code nanos} (it sends what is due before) or, with no shard thread, does nothing. */
        void endAt(long nanos) {
            if (shard != null) {
                shard.pacer().endAt(nanos);
            }
        }

        boolean finished() {
            return shard != null && !shard.thread().isAlive() && shard.thread().getState() != Thread.State.NEW;
        }
    }

    public WorkerService(WorkerConfig config, RecordShape shape, RecordSink sink, Clock clock) {
        this(config, shape, sink, clock, LatencyObserver.NONE);
    }

    /**
     * @param shape   the records' shape, resolved once for the process
     * @param latency hears every publish latency and schedule delay (the pod's metrics)
     */
    public WorkerService(
            WorkerConfig config, RecordShape shape, RecordSink sink, Clock clock, LatencyObserver latency) {
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.stats = new ShardStats(clock::nanoTime, latency);
        this.launcher = new ShardLauncher(
                config.profile(),
                shape,
                sink,
                config.format(),
                config.generator().effectiveSeed(),
                config.tracing(),
                config.traffic(),
                FaultSettings.of(config.faults()),
                clock);
    }

    /** Takes a pushed assignment (already checked with {@link Assignment#problems()}). */
    public synchronized ApplyOutcome apply(Assignment assignment) {
        Run current = runs.peekLast();
        if (current != null) {
            long epoch = current.assignment().epoch();
            if (assignment.epoch() < epoch) {
                return ApplyOutcome.STALE;
            }
            if (assignment.epoch() == epoch) {
                return assignment.equals(current.assignment()) ? ApplyOutcome.UNCHANGED : ApplyOutcome.CONFLICT;
            }
        }
        long nowNanos = clock.nanoTime();
        EpochJoin join = EpochJoin.of(assignment, clock.epochMillis(), nowNanos);
        Run next = assignment.paused() ? Run.paused(assignment, join.joinNanos()) : prepare(assignment, join);
        // Hand over at the join time: the old run sends what is due before it, the new one the rest.
        newest = next; // before the old run can end and ask whether it was the last
        if (current != null) {
            current.endAt(join.joinNanos());
        }
        runs.addLast(next);
        dropSuperseded(nowNanos);
        if (next.shard() != null) {
            next.shard().start();
        }
        return ApplyOutcome.APPLIED;
    }

    private Run prepare(Assignment a, EpochJoin join) {
        ShardPlan shard = new ShardPlan(
                a.shard(),
                a.rate(),
                a.deviceStart(),
                a.deviceEnd(),
                a.stages().stream()
                        .map(s -> new StagePlan(Duration.ofMillis(s.durationMillis()), s.rate()))
                        .toList());
        ShardTiming timing = join.timing(RateSchedule.of(shard.stages(), a.rate()));
        AckedWatermark watermark = new AckedWatermark(a.shard(), a.epoch(), timing.firstSequence());
        ShardLauncher.ShardThread thread = launcher.prepare(
                shard,
                a.epoch(),
                timing,
                stats,
                watermark,
                budgetFor(a, timing.firstSequence()),
                "shard-" + a.shard() + "-epoch-" + a.epoch(),
                () -> flushWhenIdle(a));
        return new Run(a, timing.schedule(), thread, watermark, timing.startNanos());
    }

    /**
     * spec.count's budget for the assignment's part of the count: kept while the part stays the same, so a new
     * epoch of another rate counts on. A pod that starts on an epoch already under way (a replacement) starts with
     * what the epoch's schedule has left: its predecessor sent the records due before.
     */
    private RecordBudget budgetFor(Assignment a, long firstSequence) {
        CountedPart part = a.count() == null ? null : new CountedPart(a.shard(), a.shards(), a.count());
        if (part == null || !part.equals(countedPart)) {
            countedPart = part;
            budget = part == null ? null : new RecordBudget(a.count() - firstSequence);
        }
        return budget;
    }

    /**
     * After a run has ended: when the sink acks records only a while after writing them (a file
     * sink's buffer, an unfinished Parquet file) and no later run sends (the fleet finished or
     * paused), puts them where they are acked, so the counters settle now rather than at the
     * sink's next timed flush. A broker's sink is left alone: a slow broker must not keep a
     * finished run from ending.
     */
    private void flushWhenIdle(Assignment ended) {
        Run latest = newest; // not the lock: close() holds it while it waits for this thread to end
        if (sink.written().isPresent() && (latest.assignment() == ended || latest.shard() == null)) {
            sink.flush();
        }
    }

    /** Forgets old runs once a later one is in force and they have stopped sending. */
    private void dropSuperseded(long nowNanos) {
        while (runs.size() > 1) {
            Run oldest = runs.peekFirst();
            Run successor = runs.stream().skip(1).findFirst().orElseThrow();
            boolean stopped = oldest.shard() == null || oldest.finished();
            if (successor.effectiveNanos() > nowNanos || !stopped) {
                return;
            }
            runs.pollFirst();
            if (oldest.watermark() != null) {
                ended.addLast(oldest.watermark());
                if (ended.size() > ENDED_KEPT) {
                    ended.pollFirst();
                }
            }
        }
    }

    private static void stopRun(Run run) {
        if (run == null || run.shard() == null) {
            return;
        }
        run.shard().pacer().stop();
        try {
            run.shard().thread().join(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized WorkerStatus status() {
        publishLatency.add(stats.takePublishLatency());
        scheduleDelay.add(stats.takeScheduleDelay());
        String publish = HistogramCodec.encode(publishLatency);
        String delay = HistogramCodec.encode(scheduleDelay);
        Run current = runs.peekLast();
        WorkerStatus.Histograms latency = new WorkerStatus.Histograms(publish, delay);
        Counters counters = counters();
        List<SinkCounters> sinks = sinks(counters, publish);
        if (current == null) {
            return new WorkerStatus(
                    config.profile(),
                    WorkerState.IDLE,
                    0,
                    WorkerStatus.ShardRange.NONE,
                    0,
                    counters,
                    0,
                    latency,
                    streams(),
                    sinks);
        }
        Assignment a = current.assignment();
        long now = clock.nanoTime();
        Run inForce = runs.peekFirst();
        for (Run r : runs) {
            if (r.effectiveNanos() <= now) {
                inForce = r;
            }
        }
        WorkerState state;
        double rate = 0;
        if (inForce.finished()) {
            state = WorkerState.FINISHED;
        } else if (inForce.assignment().paused()) {
            state = WorkerState.PAUSED;
        } else {
            state = WorkerState.RUNNING;
            rate = inForce.schedule()
                    .rateAt(Math.max(0, now - inForce.shard().pacer().startNanos()));
        }
        return new WorkerStatus(
                config.profile(),
                state,
                a.epoch(),
                new WorkerStatus.ShardRange(a.shard(), a.shards(), a.deviceStart(), a.deviceEnd()),
                rate,
                counters,
                TimeUnit.NANOSECONDS.toMillis(stats.stalledNanos()),
                latency,
                streams(),
                sinks);
    }

    /** Each sink's counters: its own when the pod sends to several, else the pod's. */
    private List<SinkCounters> sinks(Counters counters, String publishLatency) {
        if (sink.legs().isEmpty()) {
            String type = config.sink().kinds().iterator().next().id();
            return List.of(new SinkCounters(type, counters, publishLatency));
        }
        return sink.legs().stream().map(SinkLeg::counters).toList();
    }

    /** The acked watermark of each run of this process that sent, oldest first: those forgotten, then those held. */
    private List<StreamAcks> streams() {
        List<StreamAcks> streams = new ArrayList<>();
        ended.forEach(w -> streams.add(w.snapshot()));
        for (Run run : runs) {
            if (run.watermark() != null) {
                streams.add(run.watermark().snapshot());
            }
        }
        return streams;
    }

    /** The process's records; written as the sink counts it where it does (files), else the acked ones. */
    private Counters counters() {
        long acked = stats.ackedCount();
        return new Counters(
                stats.sentCount(), acked, sink.written().orElse(acked), stats.failedCount(), stats.lastError());
    }

    /** The cumulative counters and latency recorders, for metrics. */
    public ShardStats stats() {
        return stats;
    }

    /** Stops sending, flushes and closes the sink. */
    @Override
    public synchronized void close() {
        runs.forEach(WorkerService::stopRun);
        sink.close();
    }
}
