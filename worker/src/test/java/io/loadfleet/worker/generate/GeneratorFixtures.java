package io.loadfleet.worker.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.records.GeneratedRecord;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericData;

/** The shard the generator tests drive, and a loop that feeds its readings to a check. */
final class GeneratorFixtures {

    static final long SEED = 20_250_301L;
    static final long DEVICE_START = 12_000;
    static final long DEVICE_END = 13_000;
    static final long START_MILLIS = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
    /** 61 s between readings: over many readings every device meets every hour of the day. */
    static final long STEP_MILLIS = 61_000;

    private GeneratorFixtures() {}

    static GeneratorSettings settings() {
        return new GeneratorSettings(SEED, 0, DEVICE_START, DEVICE_END);
    }

    static RecordGenerator create(GeneratorType type) {
        return Generators.create(type, settings());
    }

    static long device(long sequence) {
        return DEVICE_START + sequence % (DEVICE_END - DEVICE_START);
    }

    static long eventTime(long sequence) {
        return START_MILLIS + sequence * STEP_MILLIS;
    }

    /** Fills reading 0..count-1 of the fixture shard into one reused record, as the worker does. */
    static void generate(RecordGenerator generator, int count, Consumer<GenericData.Record> check) {
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        for (long sequence = 0; sequence < count; sequence++) {
            generator.fill(device(sequence), sequence, eventTime(sequence), record);
            check.accept(record.toGenericRecord());
        }
    }

    /** One record, as Avro's generic record so tests can read fields by name. */
    static GenericData.Record fill(RecordGenerator generator, long device, long sequence, long eventTimeMillis) {
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        generator.fill(device, sequence, eventTimeMillis, record);
        return record.toGenericRecord();
    }

    static double share(long hits, long total) {
        return hits / (double) total;
    }

    static void assertDecimals(double value, int decimals, String field) {
        double scale = Math.pow(10, decimals);
        assertEquals(Math.round(value * scale) / scale, value, 0.0, field + " has more than " + decimals + " decimals");
    }
}
