package io.loadfleet.benchmarks;

import io.loadfleet.worker.engine.AckedWatermark;
import java.util.Arrays;
import java.util.Random;
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
 * What a run's acked watermark adds to each ack on the sink's I/O thread: one {@code settle}, with
 * the acks in order (one partition) or each up to {@code window} places from its own (batches of
 * several partitions completing out of order). One thread, as Kafka's producer calls back; the
 * score is nanoseconds per record.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main AckedWatermarkBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AckedWatermarkBenchmark {
    static final int BLOCK = 65_536;

    /** How far from its place an ack may come: 1 is in order. */
    @Param({"1", "1000"})
    public int window;

    private final AckedWatermark watermark = new AckedWatermark(0, 1, 0);
    /** The order of a block's acks, as offsets in the block; each block follows the last. */
    private int[] order;

    private long base;

    @Setup
    public void order() {
        Random random = new Random(19);
        long[] keyed = new long[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            // a block's last places lag less, so it still ends complete and blocks do not overlap
            int lag = Math.min(random.nextInt(window), BLOCK - 1 - i);
            keyed[i] = (long) (i + lag) << 32 | i;
        }
        Arrays.sort(keyed);
        order = Arrays.stream(keyed).mapToInt(k -> (int) k).toArray();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void settle() {
        for (int offset : order) {
            watermark.settle(base + offset, true);
        }
        base += BLOCK;
    }
}
