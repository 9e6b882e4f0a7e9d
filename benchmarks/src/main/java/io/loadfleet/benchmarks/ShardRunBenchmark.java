package io.loadfleet.benchmarks;

import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.engine.FaultSettings;
import io.loadfleet.worker.engine.ShardLauncher;
import io.loadfleet.worker.engine.ShardStats;
import io.loadfleet.worker.engine.ShardTiming;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.RateSchedule;
import io.loadfleet.worker.sink.NullSink;
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
 * nothing is slept): the loop's cost per record, with spec.faults off (the default path: a null check) and on. The
 * score is nanoseconds per record.
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
     * off: no spec.faults. example: the issue's {duplicates: 0.001, outOfOrder: {fraction: 0.01, maxShift: 5s},
     * late: {fraction: 0.001, delay: 2m}} (every late record held to the run's end). heavy: 5 % of each, late
     * ones 10 µs late (100 records on, so they are held and released all through the run).
     */
    @Param({"off", "example", "heavy"})
    public String faults;

    private FaultSettings settings;
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
        settings = switch (faults) {
            case "off" -> null;
            case "example" -> new FaultSettings(0.001, 0.01, 5_000, 0.001, TimeUnit.MINUTES.toNanos(2));
            case "heavy" -> new FaultSettings(0.05, 0.05, 5_000, 0.05, TimeUnit.MICROSECONDS.toNanos(10));
            default -> throw new IllegalArgumentException(faults);
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
        run = new ShardLauncher("bench", shape, new NullSink(), Format.JSON, 1, null, settings, clock)
                .prepare(
                        new ShardPlan(0, 1_000_000_000L, 0, DEVICES, List.of()),
                        1,
                        new ShardTiming(RateSchedule.constant(1_000_000_000L), 0, RECORDS, clock.epochMillis(), 0),
                        stats,
                        null,
                        "bench",
                        () -> {});
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long shardRun() {
        run.thread().run(); // on this thread
        return stats.sentCount();
    }
}
