package io.loadfleet.worker.engine;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.TrafficShape;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.pace.RateSchedule;
import io.loadfleet.worker.sink.NullSink;
import io.loadfleet.worker.sink.RecordSink;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs every shard of a profile's plan in this process, one thread per shard, all sharing one
 * sink, and prints one progress line per second: the run at the heart of {@code loadfleet run}
 * ({@link LocalRunSession}).
 */
public final class LocalRun {
    /** Local runs have one assignment; the operator numbers its epochs from 1. */
    public static final long LOCAL_EPOCH = 0;

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** A send blocked this long is backpressure the user should see on the progress line. */
    private static final long STALL_WORTH_SHOWING = SECOND;
    /** Lets every shard thread start before message 0 is due, so none begins late. */
    private static final long START_LEAD = TimeUnit.MILLISECONDS.toNanos(50);

    private final LoadProfile profile;
    private final RecordShape shape;
    private final boolean maxRate;
    private final RecordSink sink;
    private final String sinkName;
    private final Clock clock;
    private final PrintStream progress;
    private final List<Pacer> pacers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RunTimeline timeline = new RunTimeline();
    private volatile boolean stopRequested;

    /**
     * @param profile  a valid profile (overrides such as --rate already applied)
     * @param shape    the records' shape, resolved once (a dataset loaded, a schema checked)
     * @param maxRate  ignore rates and stages and send as fast as possible
     * @param sinkName how the summary names the sink, e.g. {@code kafka://host:9092/topic}
     * @param progress where progress lines go; null for none
     */
    public LocalRun(
            LoadProfile profile,
            RecordShape shape,
            boolean maxRate,
            RecordSink sink,
            String sinkName,
            Clock clock,
            PrintStream progress) {
        this.profile = profile;
        this.shape = shape;
        this.maxRate = maxRate;
        this.sink = sink;
        this.sinkName = sinkName;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Runs until spec.duration has passed or every shard has sent its part of spec.count (or {@link #stop()}),
     * flushes the sink, and sums up.
     */
    public RunSummary run() throws InterruptedException {
        LoadProfileSpec spec = profile.getSpec();
        FleetPlan plan = FleetPlan.of(spec, null);
        long runNanos = spec.getDuration() == null
                ? Long.MAX_VALUE
                : Durations.require(spec.getDuration()).toNanos();
        long startNanos = clock.nanoTime() + START_LEAD;
        long wallStart = clock.epochMillis() + TimeUnit.NANOSECONDS.toMillis(START_LEAD);
        List<RateSchedule> schedules = new ArrayList<>();
        List<ShardStats> stats = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(plan.replicas());
        ShardLauncher launcher = new ShardLauncher(
                profile.getMetadata().getName(),
                shape,
                sink,
                spec.effectiveFormat(),
                spec.getGenerator().effectiveSeed(),
                spec.getTracing(),
                TrafficShape.of(spec),
                FaultSettings.of(spec.getFaults()),
                clock);
        List<ShardLauncher.ShardThread> shards = new ArrayList<>();
        for (ShardPlan shard : plan.shards()) {
            RateSchedule schedule =
                    spec.isPaused() ? RateSchedule.constant(0) : RateSchedule.of(shard.stages(), shard.rate());
            ShardStats shardStats = new ShardStats(clock::nanoTime);
            ShardTiming timing =
                    new ShardTiming(maxRate ? null : schedule, startNanos, runNanos, wallStart, 0, wallStart);
            ShardLauncher.ShardThread thread = launcher.prepare(
                    shard,
                    LOCAL_EPOCH,
                    timing,
                    shardStats,
                    null,
                    shard.count() == null ? null : new RecordBudget(shard.count()),
                    "shard-" + shard.index(),
                    finished::countDown);
            pacers.add(thread.pacer());
            shards.add(thread);
            schedules.add(schedule);
            stats.add(shardStats);
        }
        if (spec.isPaused() && progress != null) {
            progress.println("spec.paused is true: the fleet sends nothing until it is unpaused");
        }
        shards.forEach(ShardLauncher.ShardThread::start);
        ProgressReporter reporter =
                new ProgressReporter(stats, sink, schedules, maxRate, startNanos, progress, timeline);
        for (long tick = startNanos + SECOND;
                !finished.await(Math.max(0, tick - clock.nanoTime()), TimeUnit.NANOSECONDS);
                tick += SECOND) {
            if (stopRequested) {
                pacers.forEach(Pacer::stop);
            }
            reporter.report(clock.nanoTime(), true);
        }
        long endNanos = Math.min(clock.nanoTime(), runNanos == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + runNanos);
        sink.flush();
        // The flush's acks belong to the time they took: a slow flush must not pile into the last second.
        reporter.report(clock.nanoTime(), false);
        return summarize(plan, stats, reporter, wallStart, Math.max(1, endNanos - startNanos));
    }

    /** The run second by second; complete once {@link #run()} has returned. */
    public RunTimeline timeline() {
        return timeline;
    }

    /** Asks the shards to stop (Ctrl-C); {@link #run()} then flushes and returns the summary. */
    public void stop() {
        stopRequested = true;
        pacers.forEach(Pacer::stop);
    }

    private RunSummary summarize(
            FleetPlan plan, List<ShardStats> stats, ProgressReporter reporter, long wallStart, long nanos) {
        List<RunSummary.Shard> shards = new ArrayList<>();
        Counters total = Counters.ZERO;
        InjectedFaults injected = InjectedFaults.NONE;
        long bytes = 0;
        for (ShardPlan shard : plan.shards()) {
            ShardStats s = stats.get(shard.index());
            Counters counters = s.counters();
            shards.add(new RunSummary.Shard(
                    shard.index(), shard.rate(), shard.deviceStart(), shard.deviceEnd(), counters));
            total = total.plus(counters);
            injected = injected.plus(s.injected());
            bytes += s.valueBytes();
        }
        double seconds = nanos / 1e9;
        LoadProfileSpec spec = profile.getSpec();
        RunSummary.Setup setup = new RunSummary.Setup(
                profile.getMetadata().getName(),
                spec.getGenerator().getType().id(),
                spec.effectiveFormat().name().toLowerCase(Locale.ROOT),
                sinkName,
                maxRate,
                plan.targetRate());
        RunSummary.Totals totals = new RunSummary.Totals(
                Instant.ofEpochMilli(wallStart).toString(),
                round(seconds, 3),
                total,
                round(total.acked() / seconds, 1),
                round(bytes / (double) Math.max(1, total.sent()), 1));
        return new RunSummary(
                setup,
                totals,
                LatencyPercentiles.ofMicros(reporter.totalPublishLatency()),
                LatencyPercentiles.ofMicros(reporter.totalScheduleDelay()),
                total.lastError(),
                maxRate ? null : RatePrecision.of(sendingIntervals()),
                shards,
                sinks(total, reporter.totalPublishLatency()),
                spec.getFaults() == null ? null : injected,
                null);
    }

    /** Each sink's totals: its own when there are several, else the run's. */
    private List<RunSummary.SinkTotals> sinks(Counters total, Histogram publishLatency) {
        if (sink.legs().isEmpty()) {
            String type = sink instanceof NullSink
                    ? "null"
                    : profile.getSpec().getSink().kinds().iterator().next().id();
            return List.of(new RunSummary.SinkTotals(type, total, LatencyPercentiles.ofMicros(publishLatency)));
        }
        return sink.legs().stream()
                .map(leg -> new RunSummary.SinkTotals(
                        leg.type(), leg.counters().counters(), LatencyPercentiles.ofMicros(leg.latency())))
                .toList();
    }

    /** The timeline but its last interval, which ends after the sink's flush, when nothing more was due. */
    private List<RunTimeline.Second> sendingIntervals() {
        List<RunTimeline.Second> seconds = timeline.seconds();
        return seconds.subList(0, Math.max(0, seconds.size() - 1));
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    /** Prints one line per second, records it in the timeline and keeps the run's total histograms. */
    private static final class ProgressReporter {
        /** A final interval shorter than this joins the one before: its rate would be mostly noise. */
        private static final long SHORTEST_FINAL_INTERVAL = SECOND / 2;

        private final List<ShardStats> stats;
        private final RecordSink sink;
        private final List<RateSchedule> schedules;
        private final boolean maxRate;
        private final long startNanos;
        private final PrintStream out;
        private final RunTimeline timeline;
        private final Histogram publishLatency = new Histogram(3);
        private final Histogram scheduleDelay = new Histogram(3);
        private long lastNanos;
        /** Records written (see {@link RecordSink#written()}) at the last report: the achieved rate counts these. */
        private long lastWritten;

        private Interval recorded;

        /** The interval the timeline's latest record covers. */
        private record Interval(
                long fromNanos, long writtenBefore, Histogram publishLatency, Histogram scheduleDelay) {}

        /**
         * @param sink its records count for the achieved rate when written: for a broker once acked, for
         *             a file sink once in the file or its buffer, as in the operator's status, so a
         *             Parquet run does not show 0/s until its file ends
         */
        ProgressReporter(
                List<ShardStats> stats,
                RecordSink sink,
                List<RateSchedule> schedules,
                boolean maxRate,
                long startNanos,
                PrintStream out,
                RunTimeline timeline) {
            this.stats = stats;
            this.sink = sink;
            this.schedules = schedules;
            this.maxRate = maxRate;
            this.startNanos = startNanos;
            this.out = out;
            this.timeline = timeline;
            this.lastNanos = startNanos;
        }

        /**
         * Takes the shards' interval histograms into the totals and the timeline; prints a line when
         * asked (every tick but the final one, taken after the sink's flush).
         */
        void report(long now, boolean print) {
            Counters shards = Counters.ZERO;
            double target = 0;
            long due = 0;
            long stalled = 0;
            Histogram intervalLatency = new Histogram(3);
            Histogram intervalDelay = new Histogram(3);
            for (int i = 0; i < stats.size(); i++) {
                ShardStats s = stats.get(i);
                shards = shards.plus(s.counters());
                stalled = Math.max(stalled, s.stalledNanos());
                intervalLatency.add(s.takePublishLatency());
                intervalDelay.add(s.takeScheduleDelay());
                target += schedules.get(i).rateAt(Math.max(0, now - startNanos));
                due += schedules.get(i).countBefore(Math.max(0, now - startNanos));
            }
            publishLatency.add(intervalLatency);
            scheduleDelay.add(intervalDelay);
            long written = sink.written().orElse(shards.acked());
            Counters counters =
                    new Counters(shards.sent(), shards.acked(), written, shards.errors(), shards.lastError());
            if (print && out != null) {
                out.printf(
                        Locale.ROOT,
                        "%7.1fs  target %9s/s  achieved %9.0f/s  sent %,12d  acked %,12d  errors %,d"
                                + "  p99 delay %.2f ms%s%n",
                        Math.max(0, now - startNanos) / 1e9,
                        maxRate ? "max" : String.format(Locale.ROOT, "%.0f", target),
                        perSecond(written - lastWritten, now - lastNanos),
                        counters.sent(),
                        counters.acked(),
                        counters.errors(),
                        intervalDelay.getValueAtPercentile(99) / 1000.0,
                        stalled < STALL_WORTH_SHOWING
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "  sends blocked %.1f s (broker slow or unreachable)",
                                        stalled / 1e9));
            }
            record(
                    now,
                    !print,
                    maxRate ? null : round(target, 1),
                    maxRate ? null : due,
                    counters,
                    intervalLatency,
                    intervalDelay);
            lastNanos = now;
            lastWritten = written;
        }

        /** Adds the interval since the previous report to the timeline; a short final one joins the interval before. */
        private void record(
                long now,
                boolean finalReport,
                Double target,
                Long due,
                Counters counters,
                Histogram latency,
                Histogram delay) {
            long fromNanos = lastNanos;
            long writtenBefore = lastWritten;
            if (finalReport && now - lastNanos < SHORTEST_FINAL_INTERVAL && recorded != null) {
                timeline.removeLast();
                latency.add(recorded.publishLatency());
                delay.add(recorded.scheduleDelay());
                fromNanos = recorded.fromNanos();
                writtenBefore = recorded.writtenBefore();
            }
            recorded = new Interval(fromNanos, writtenBefore, latency, delay);
            RunTimeline.Rates rates = new RunTimeline.Rates(
                    target, round(perSecond(counters.written() - writtenBefore, now - fromNanos), 1), due);
            timeline.add(new RunTimeline.Second(
                    round(Math.max(0, now - startNanos) / 1e9, 3),
                    rates,
                    counters,
                    RunTimeline.Percentiles.of(latency, delay)));
        }

        private static double perSecond(long count, long nanos) {
            return count / Math.max(1e-9, nanos / 1e9);
        }

        Histogram totalPublishLatency() {
            return publishLatency;
        }

        Histogram totalScheduleDelay() {
            return scheduleDelay;
        }
    }
}
