package io.loadfleet.benchmarks;

import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.registry.RegistryFraming;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One record of a shard's hot path short of the sink: generate the next device's reading and
 * encode it, as {@code ShardRunner} does, on one thread. Records/s is the benchmark's score;
 * {@code valueBytes} (a rate) divided by it is the encoded size per record, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} the bytes allocated per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GenerateEncodeBenchmark {
    /** Devices of the benchmark's shard: enough that keys and per-device state do not sit in L1. */
    static final long DEVICES = 100_000;

    @Param({"smart-meter", "iot-sensor", "transaction", "gaming-bet", "temperature"})
    public String generator;

    /** avro-framed: Avro after a schema registry's 5-byte frame, as with sink.kafka.schemaRegistry. */
    @Param({"json", "avro", "avro-framed"})
    public String format;

    private RecordGenerator records;
    private RecordEncoder encoder;
    private GeneratedRecord record;
    private long sequence;
    private long eventTime;

    /** Encoded bytes, reported beside the score as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Output {
        public long valueBytes;

        @Setup(Level.Iteration)
        public void reset() {
            valueBytes = 0;
        }
    }

    @Setup
    public void setUp() {
        GeneratorType type = GeneratorType.byId(generator).orElseThrow();
        records = Generators.create(type, new GeneratorSettings(1, 0, 0, DEVICES));
        encoder = format.equals("avro-framed")
                ? Encoders.avroAfter(RegistryFraming.header(42), records.schema())
                : Encoders.create(Format.valueOf(format.toUpperCase(java.util.Locale.ROOT)), records.schema());
        record = new GeneratedRecord(records.schema());
        eventTime = System.currentTimeMillis();
    }

    @Benchmark
    public byte[] generateAndEncode(Output output) {
        long seq = sequence++;
        records.fill(seq % DEVICES, seq, eventTime + seq / 1000, record);
        byte[] value = encoder.encode(record);
        output.valueBytes += value.length;
        return value;
    }
}
