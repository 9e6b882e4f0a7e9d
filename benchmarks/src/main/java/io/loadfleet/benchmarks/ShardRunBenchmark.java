package io.loadfleet.benchmarks;

import io.loadfleet.api.control.TrafficShape;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.spec.ArrivalProcess;
import io.loadfleet.api.spec.ArrivalSpec;
import io.loadfleet.api.spec.DeviceOrder;
import io.loadfleet.api.spec.DistributionSpec;
import io.loadfleet.api.spec.DistributionType;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.engine.FaultSettings;
import io.loadfleet.worker.engine.RecordBudget;
import io.loadfleet.worker.engine.ShardLauncher;
import io.loadfleet.worker.engine.ShardStats;
import io.loadfleet.worker.engine.ShardTiming;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.RateSchedule;
import io.loadfleet.worker.sink.FanOutSink;
import io.loadfleet.worker.sink.NullSink;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SinkLeg;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A shard's whole hot loop, pace → generate → encode → send, for {@value #RECORDS} smart-meter JSON records into
 * a sink that acks at once, on a clock that moves only as the pacer waits (one record due every nanosecond, so
 * nothing is slept): the loop's cost per record for each traffic shape, against the default path (round robin,
 * constant pace, no count, no faults), which each shape may cost no more than a null check. The score is
 * nanoseconds per record.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main ShardRunBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShardRunBenchmark {
    static final int RECORDS = 100_000;
    static final long DEVICES = 100_000;

    /**
     * default: round robin, constant pace, no count, no faults. random, zipf (1.1), hotset (0.01, 0.5): devices.
     * poisson, bursts (20 every 1 ms): arrival. count: a spec.count budget of more than the run. faults-example: the
     * issue's {duplicates: 0.001, outOfOrder: {fraction: 0.01, maxShift: 5s}, late: {fraction: 0.001, delay: 2m}}
     * (every late record held to the run's end). faults-heavy: 5 % of each, late ones 10 µs late (100 records on,
     * so they are held and released all through the run). two-sinks: the default path into two sinks at once (a
     * {@link FanOutSink} of two that ack at once and share one encoding): the cost of a second sink's delivery
     * and counting.
     */
    @Param({
        "default",
        "random",
        "zipf",
        "hotset",
        "poisson",
        "bursts",
        "count",
        "faults-example",
        "faults-heavy",
        "two-sinks"
    })
    public String shapeName;

    private FaultSettings settings;
    private TrafficShape traffic;
    private RecordShape shape;
    private ShardLauncher.ShardThread run;
    private ShardStats stats;

    /** Time moves only when the pacer waits for it, to the instant it waits for. */
    static final class SteppedClock implements Clock {
        private long nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long epochMillis() {
            return 1_700_000_000_000L + nanos / 1_000_000;
        }

        @Override
        public void parkUntil(long deadline) {
            nanos = Math.max(nanos, deadline);
        }
    }

    @Setup
    public void setUp() {
        settings = switch (shapeName) {
            case "faults-example" -> new FaultSettings(0.001, 0.01, 5_000, 0.001, TimeUnit.MINUTES.toNanos(2));
            case "faults-heavy" -> new FaultSettings(0.05, 0.05, 5_000, 0.05, TimeUnit.MICROSECONDS.toNanos(10));
            default -> null;
        };
        traffic = switch (shapeName) {
            case "random" -> new TrafficShape(DeviceOrder.RANDOM, null, null);
            case "zipf" -> new TrafficShape(null, distribution(DistributionType.ZIPF), null);
            case "hotset" -> new TrafficShape(null, distribution(DistributionType.HOTSET), null);
            case "poisson" -> new TrafficShape(null, null, arrival(ArrivalProcess.POISSON));
            case "bursts" -> new TrafficShape(null, null, arrival(ArrivalProcess.BURSTS));
            default -> null;
        };
        GeneratorSpec generator = new GeneratorSpec();
        generator.setType(GeneratorType.SMART_METER);
        shape = Generators.shape(generator, null);
    }

    /** A fresh shard run of {@value #RECORDS} records, one due every nanosecond from 0. */
    @Setup(Level.Invocation)
    public void prepare() {
        SteppedClock clock = new SteppedClock();
        stats = new ShardStats(clock::nanoTime);
        RecordSink sink = shapeName.equals("two-sinks")
                ? new FanOutSink(
                        List.of(new SinkLeg("kafka", new NullSink()), new SinkLeg("pulsar", new NullSink())),
                        Format.JSON,
                        shape.schema(),
                        clock::nanoTime)
                : new NullSink();
        run = new ShardLauncher("bench", shape, sink, Format.JSON, 1, null, traffic, settings, clock)
                .prepare(
                        new ShardPlan(0, 1_000_000_000L, 0, DEVICES, List.of()),
                        1,
                        new ShardTiming(
                                RateSchedule.constant(1_000_000_000L),
                                0,
                                RECORDS,
                                clock.epochMillis(),
                                0,
                                clock.epochMillis()),
                        stats,
                        null,
                        shapeName.equals("count") ? new RecordBudget(2L * RECORDS) : null,
                        "bench",
                        () -> {});
    }

    private static DistributionSpec distribution(DistributionType type) {
        DistributionSpec d = new DistributionSpec();
        d.setType(type);
        return d;
    }

    private static ArrivalSpec arrival(ArrivalProcess process) {
        ArrivalSpec a = new ArrivalSpec();
        a.setProcess(process);
        if (process == ArrivalProcess.BURSTS) {
            a.setSize(20);
            a.setEvery("1ms");
        }
        return a;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long shardRun() {
        run.thread().run(); // on this thread
        return stats.sentCount();
    }
}
