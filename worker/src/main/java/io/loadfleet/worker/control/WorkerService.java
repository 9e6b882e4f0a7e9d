package io.loadfleet.worker.control;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.plan.StagePlan;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.fleet.ShardRunner;
import io.loadfleet.worker.fleet.ShardStats;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.pace.RateSchedule;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One worker pod's data plane: a connected sink that outlives assignments, and at most one shard
 * run. A new epoch is prepared first, then swapped in for the old run, so a rate or range change
 * takes effect within one pacing interval and never reconnects the producer.
 */
public final class WorkerService implements AutoCloseable {
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final WorkerConfig config;
    private final RecordSink sink;
    private final Clock clock;
    private final ShardStats stats;
    private Run current;

    /** The running shard of one epoch; a paused epoch has no pacer and no thread. */
    private record Run(Assignment assignment, RateSchedule schedule, Pacer pacer, Thread thread) {
        static Run paused(Assignment a) {
            return new Run(a, RateSchedule.constant(0), null, null);
        }

        boolean finished() {
            return thread != null && !thread.isAlive() && thread.getState() != Thread.State.NEW;
        }
    }

    public WorkerService(WorkerConfig config, RecordSink sink, Clock clock) {
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.stats = new ShardStats(clock::nanoTime);
    }

    /** Takes a pushed assignment (already checked with {@link Assignment#problems()}). */
    public synchronized ApplyOutcome apply(Assignment assignment) {
        if (current != null) {
            long epoch = current.assignment().epoch();
            if (assignment.epoch() < epoch) {
                return ApplyOutcome.STALE;
            }
            if (assignment.epoch() == epoch) {
                return assignment.equals(current.assignment()) ? ApplyOutcome.UNCHANGED : ApplyOutcome.CONFLICT;
            }
        }
        Run next = assignment.paused() ? Run.paused(assignment) : prepare(assignment);
        stopCurrent();
        current = next;
        if (next.thread() != null) {
            next.thread().start();
        }
        return ApplyOutcome.APPLIED;
    }

    private Run prepare(Assignment a) {
        ShardPlan shard = new ShardPlan(a.shard(), a.rate(), a.deviceStart(), a.deviceEnd(), a.stages().stream()
                .map(s -> new StagePlan(Duration.ofMillis(s.durationMillis()), s.rate())).toList());
        RecordGenerator generator = Generators.create(config.generator().getType(), new GeneratorSettings(
                config.generator().effectiveSeed(), a.shard(), a.deviceStart(), a.deviceEnd()));
        RateSchedule fleetSchedule = RateSchedule.of(shard.stages(), a.rate());
        long nowNanos = clock.nanoTime();
        long nowMillis = clock.epochMillis();
        // Join the fleet's schedule where it is now; a start in the future is waited for.
        long lateMillis = nowMillis - a.startTimeMillis();
        RateSchedule schedule = lateMillis > 0 ? fleetSchedule.after(TimeUnit.MILLISECONDS.toNanos(lateMillis)) : fleetSchedule;
        long startNanos = lateMillis > 0 ? nowNanos : nowNanos - TimeUnit.MILLISECONDS.toNanos(lateMillis);
        long wallStart = Math.max(nowMillis, a.startTimeMillis());
        long runNanos = a.endTimeMillis() == null ? Long.MAX_VALUE
                : TimeUnit.MILLISECONDS.toNanos(Math.max(0, a.endTimeMillis() - wallStart));
        Pacer pacer = new Pacer(clock, schedule, startNanos, runNanos);
        ShardRunner runner = new ShardRunner(shard, generator, Encoders.create(config.format(), generator.schema()),
                sink, pacer, stats, new OutgoingRecord(config.profile(), a.shard(), a.epoch()), wallStart, true);
        Thread thread = new Thread(runner, "shard-" + a.shard() + "-epoch-" + a.epoch());
        thread.setDaemon(true);
        return new Run(a, schedule, pacer, thread);
    }

    private void stopCurrent() {
        if (current == null || current.thread() == null) {
            return;
        }
        current.pacer().stop();
        try {
            current.thread().join(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized WorkerStatus status() {
        if (current == null) {
            return new WorkerStatus(config.profile(), WorkerState.IDLE, 0, -1, 0, 0, 0, 0, stats.sentCount(),
                    stats.ackedCount(), stats.failedCount(), stats.lastError());
        }
        Assignment a = current.assignment();
        WorkerState state;
        double rate = 0;
        if (current.finished()) {
            state = WorkerState.FINISHED;
        } else if (a.paused()) {
            state = WorkerState.PAUSED;
        } else {
            state = WorkerState.RUNNING;
            rate = current.schedule().rateAt(Math.max(0, clock.nanoTime() - current.pacer().startNanos()));
        }
        return new WorkerStatus(config.profile(), state, a.epoch(), a.shard(), a.shards(), a.deviceStart(),
                a.deviceEnd(), rate, stats.sentCount(), stats.ackedCount(), stats.failedCount(), stats.lastError());
    }

    /** The cumulative counters and latency recorders, for metrics. */
    public ShardStats stats() {
        return stats;
    }

    /** Stops sending, flushes and closes the sink. */
    @Override
    public synchronized void close() {
        stopCurrent();
        sink.close();
    }
}
