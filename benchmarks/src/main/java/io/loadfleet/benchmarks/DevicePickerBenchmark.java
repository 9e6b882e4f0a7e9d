package io.loadfleet.benchmarks;

import io.loadfleet.worker.generate.DeviceChoice;
import io.loadfleet.worker.generate.DevicePicker;
import io.loadfleet.worker.generate.DevicePickers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What choosing a record's device costs a shard: the inline round robin ({@code seq % n}) against
 * each {@link DevicePicker}. The score is nanoseconds per offset.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main DevicePickerBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DevicePickerBenchmark {

    @Param({"1000", "1000000"})
    public long devices;

    private DevicePicker random;
    private DevicePicker zipf;
    private DevicePicker hotSet;
    private long sequence;

    @Setup
    public void pickers() {
        random = DevicePickers.of(new DeviceChoice.UniformRandom(), 1, 0, devices);
        zipf = DevicePickers.of(new DeviceChoice.Zipf(1.1), 1, 0, devices);
        hotSet = DevicePickers.of(new DeviceChoice.HotSet(0.01, 0.5), 1, 0, devices);
    }

    @Benchmark
    public long roundRobin() {
        return sequence++ % devices;
    }

    @Benchmark
    public long random() {
        return random.offset(sequence++);
    }

    @Benchmark
    public long zipf() {
        return zipf.offset(sequence++);
    }

    @Benchmark
    public long hotSet() {
        return hotSet.offset(sequence++);
    }
}
