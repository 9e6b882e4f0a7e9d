package io.loadfleet.benchmarks;

import io.loadfleet.worker.pace.ArrivalShape;
import io.loadfleet.worker.pace.Arrivals;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.pace.RateSchedule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What an arrival process adds to a shard's hot path: when each record is due, asked for records 0, 1,
 * 2, ... in turn as {@code ShardRunner} does, at 50,000 records/s (a new window every 50,000 records).
 * {@code dueNanos} asks the arrivals; {@code awaitDue} asks the pacer, on a clock so far ahead that it
 * never waits (a sender behind its schedule). The score is nanoseconds per record.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main ArrivalsBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArrivalsBenchmark {
    static final int BLOCK = 1024;
    static final long RATE = 50_000;

    /** The clock of a sender that is always behind: every record is overdue, so the pacer returns at once. */
    static final Clock BEHIND = new Clock() {
        @Override
        public long nanoTime() {
            return Long.MAX_VALUE - 1;
        }

        @Override
        public long epochMillis() {
            return 0;
        }

        @Override
        public void parkUntil(long deadline) {}
    };

    @Param({"constant", "poisson", "bursts"})
    public String process;

    private Arrivals arrivals;
    private Pacer pacer;
    private long n;

    @Setup
    public void setUp() {
        ArrivalShape shape = switch (process) {
            case "constant" -> ArrivalShape.CONSTANT;
            case "poisson" -> ArrivalShape.POISSON;
            default -> new ArrivalShape.Bursts(20, TimeUnit.SECONDS.toNanos(1));
        };
        arrivals = Arrivals.of(RateSchedule.constant(RATE), shape, 1, 0);
        pacer = new Pacer(BEHIND, arrivals, 0, Long.MAX_VALUE);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public long dueNanos() {
        long sum = 0; // every due time used, as the sender uses it
        for (int i = 0; i < BLOCK; i++) {
            sum += arrivals.dueNanos(n++);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public long awaitDue() {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += pacer.awaitDue(n++);
        }
        return sum;
    }
}
