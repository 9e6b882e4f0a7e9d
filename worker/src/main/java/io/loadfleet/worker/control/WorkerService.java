package io.loadfleet.worker.control;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.plan.StagePlan;
import io.loadfleet.worker.engine.LatencyObserver;
import io.loadfleet.worker.engine.ShardRunner;
import io.loadfleet.worker.engine.ShardStats;
import io.loadfleet.worker.engine.TraceSampler;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.pace.RateSchedule;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One worker pod's data plane: a connected sink that outlives assignments, and at most one shard
 * run. A new epoch is prepared first, then swapped in for the old run, so a rate or range change
 * takes effect within one pacing interval and never reconnects the producer.
 */
public final class WorkerService implements AutoCloseable {
    private static final long STOP_TIMEOUT_MILLIS = 5_000;
    /**
     * A pod this late for an epoch's effective time still sends what was due since (a push that
     * arrived a little after the activation instant); later than this it is a replacement pod.
     */
    static final long CATCH_UP_LIMIT_MILLIS = 1_000;

    private final WorkerConfig config;
    private final RecordShape shape;
    private final RecordSink sink;
    private final Clock clock;
    private final ShardStats stats;
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

    /**
     * The shard of one epoch, in force from {@code effectiveNanos}; a paused epoch has no pacer
     * and no thread.
     */
    private record Run(Assignment assignment, RateSchedule schedule, Pacer pacer, Thread thread, long effectiveNanos) {
        static Run paused(Assignment a, long effectiveNanos) {
            return new Run(a, RateSchedule.constant(0), null, null, effectiveNanos);
        }

        /** Ends the run at {@code nanos} (it sends what is due before) or, with no pacer, does nothing. */
        void endAt(long nanos) {
            if (pacer != null) {
                pacer.endAt(nanos);
            }
        }

        boolean finished() {
            return thread != null && !thread.isAlive() && thread.getState() != Thread.State.NEW;
        }
    }

    public WorkerService(WorkerConfig config, RecordShape shape, RecordSink sink, Clock clock) {
        this(config, shape, sink, clock, LatencyObserver.NONE);
    }

    /**
     * @param shape   the records' shape, resolved once for the process
     * @param latency hears every publish latency and schedule delay (the pod's metrics)
     */
    public WorkerService(WorkerConfig config, RecordShape shape, RecordSink sink, Clock clock, LatencyObserver latency) {
        this.config = config;
        this.shape = shape;
        this.sink = sink;
        this.clock = clock;
        this.stats = new ShardStats(clock::nanoTime, latency);
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
        long nowMillis = clock.epochMillis();
        long effectiveMillis = assignment.effectiveTimeMillis() == null ? nowMillis : assignment.effectiveTimeMillis();
        // A pod joining an epoch long after it took effect (a replacement) starts now rather than sending what
        // was due meanwhile in one burst; prepare() numbers its records on from the epoch's effective time.
        long joinMillis = nowMillis - effectiveMillis > CATCH_UP_LIMIT_MILLIS ? nowMillis : effectiveMillis;
        long effectiveNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(joinMillis - nowMillis);
        Run next = assignment.paused() ? Run.paused(assignment, effectiveNanos)
                : prepare(assignment, nowNanos, nowMillis, effectiveMillis, joinMillis);
        // Hand over at the effective time: the old run sends what is due before it, the new one the rest.
        newest = next; // before the old run can end and ask whether it was the last
        if (current != null) {
            current.endAt(effectiveNanos);
        }
        runs.addLast(next);
        dropSuperseded(nowNanos);
        if (next.thread() != null) {
            next.thread().start();
        }
        return ApplyOutcome.APPLIED;
    }

    private Run prepare(Assignment a, long nowNanos, long nowMillis, long effectiveMillis, long joinMillis) {
        ShardPlan shard = new ShardPlan(a.shard(), a.rate(), a.deviceStart(), a.deviceEnd(), a.stages().stream()
                .map(s -> new StagePlan(Duration.ofMillis(s.durationMillis()), s.rate())).toList());
        RecordGenerator generator = shape.create(new GeneratorSettings(
                config.generator().effectiveSeed(), a.shard(), a.deviceStart(), a.deviceEnd()));
        RateSchedule fleetSchedule = RateSchedule.of(shard.stages(), a.rate());
        // Join the fleet's schedule where it is at the join time (which may be just past: then the overdue
        // messages go at once); a fleet start later than that is waited for.
        long wallStart = Math.max(joinMillis, a.startTimeMillis());
        long intoSchedule = joinMillis - a.startTimeMillis();
        RateSchedule schedule = intoSchedule > 0 ? fleetSchedule.after(TimeUnit.MILLISECONDS.toNanos(intoSchedule))
                : fleetSchedule;
        long firstSequence = joinMillis == effectiveMillis ? 0 : fleetSchedule.countBefore(
                TimeUnit.MILLISECONDS.toNanos(intoSchedule)) - fleetSchedule.countBefore(
                TimeUnit.MILLISECONDS.toNanos(Math.max(0, effectiveMillis - a.startTimeMillis())));
        long startNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(wallStart - nowMillis);
        long runNanos = a.endTimeMillis() == null ? Long.MAX_VALUE
                : TimeUnit.MILLISECONDS.toNanos(Math.max(0, a.endTimeMillis() - wallStart));
        Pacer pacer = new Pacer(clock, schedule, startNanos, runNanos);
        ShardRunner runner = new ShardRunner(shard, generator, sink.encoder(config.format(), generator.schema()),
                sink, pacer, stats, new OutgoingRecord(config.profile(), a.shard(), a.epoch()), wallStart, true,
                firstSequence, TraceSampler.of(config.tracing(), config.generator().effectiveSeed(), a.shard(), a.epoch()));
        Thread thread = new Thread(() -> {
            try {
                runner.run();
            } finally {
                flushWhenIdle(a);
            }
        }, "shard-" + a.shard() + "-epoch-" + a.epoch());
        thread.setDaemon(true);
        return new Run(a, schedule, pacer, thread, startNanos);
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
        if (sink.written().isPresent() && (latest.assignment() == ended || latest.thread() == null)) {
            sink.flush();
        }
    }

    /** Forgets old runs once a later one is in force and they have stopped sending. */
    private void dropSuperseded(long nowNanos) {
        while (runs.size() > 1) {
            Run oldest = runs.peekFirst();
            Run successor = runs.stream().skip(1).findFirst().orElseThrow();
            boolean stopped = oldest.thread() == null || oldest.finished();
            if (successor.effectiveNanos() > nowNanos || !stopped) {
                return;
            }
            runs.pollFirst();
        }
    }

    private static void stopRun(Run run) {
        if (run == null || run.thread() == null) {
            return;
        }
        run.pacer().stop();
        try {
            run.thread().join(STOP_TIMEOUT_MILLIS);
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
        if (current == null) {
            long acked = stats.ackedCount();
            return new WorkerStatus(config.profile(), WorkerState.IDLE, 0, -1, 0, 0, 0, 0, stats.sentCount(),
                    acked, sink.written().orElse(acked), stats.failedCount(), stats.lastError(), 0, publish, delay);
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
            rate = inForce.schedule().rateAt(Math.max(0, now - inForce.pacer().startNanos()));
        }
        long acked = stats.ackedCount();
        return new WorkerStatus(config.profile(), state, a.epoch(), a.shard(), a.shards(), a.deviceStart(),
                a.deviceEnd(), rate, stats.sentCount(), acked, sink.written().orElse(acked), stats.failedCount(), stats.lastError(),
                TimeUnit.NANOSECONDS.toMillis(stats.stalledNanos()), publish, delay);
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
