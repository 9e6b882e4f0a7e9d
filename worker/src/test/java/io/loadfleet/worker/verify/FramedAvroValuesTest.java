package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.worker.sink.registry.RegistryFraming;
import io.loadfleet.worker.sink.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Registry-framed values checked against real Avro schemas, with a map standing in for the registry's ids. */
class FramedAvroValuesTest {
    static final Schema READING = SchemaBuilder.record("Reading")
            .namespace("io.loadfleet.test")
            .fields()
            .requiredString("device_id")
            .requiredDouble("value")
            .requiredLong("ts")
            .endRecord();
    static final Schema ALARM = SchemaBuilder.record("Alarm")
            .namespace("io.loadfleet.test")
            .fields()
            .requiredString("device_id")
            .requiredBoolean("raised")
            .endRecord();

    final Map<Integer, Schema> registry = new HashMap<>(Map.of(1, READING, 2, ALARM));
    final AtomicInteger lookups = new AtomicInteger();
    final FramedAvroValues values = new FramedAvroValues(id -> {
        lookups.incrementAndGet();
        return registry.get(id);
    });

    static byte[] reading() throws IOException {
        GenericRecord r = new GenericData.Record(READING);
        r.put("device_id", "meter-000042");
        r.put("value", 21.5);
        r.put("ts", 1_733_000_000_000L);
        return datum(READING, r);
    }

    static byte[] datum(Schema schema, GenericRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static byte[] framed(int id, byte[] datum) {
        byte[] header = RegistryFraming.header(id);
        byte[] value = Arrays.copyOf(header, header.length + datum.length);
        System.arraycopy(datum, 0, value, header.length, datum.length);
        return value;
    }

    @Test
    void aFramedDatumOfTheSchemaItsIdNamesDecodes() throws Exception {
        assertTrue(values.test(framed(1, reading())));
        GenericRecord alarm = new GenericData.Record(ALARM);
        alarm.put("device_id", "meter-7");
        alarm.put("raised", true);
        assertTrue(values.test(framed(2, datum(ALARM, alarm))), "each id decodes with its own writer schema");
    }

    @Test
    void aBareDatumIsRefused() throws Exception {
        byte[] bare = reading();
        assertTrue(new FramedAvroValues(id -> READING).test(framed(1, bare)), "the datum itself is fine");
        assertFalse(values.test(bare), "no magic byte");
        assertFalse(values.test(Arrays.copyOf(RegistryFraming.header(1), 4)), "shorter than the frame");
        assertFalse(values.test(null), "a tombstone");
    }

    @Test
    void anUnknownIdIsRefusedAndAskedForOnce() throws Exception {
        byte[] unknown = framed(99, reading());
        assertFalse(values.test(unknown));
        assertFalse(values.test(unknown));
        assertEquals(1, lookups.get(), "an id the registry does not have is not asked for again");
        assertTrue(values.test(framed(1, reading())));
        assertTrue(values.test(framed(1, reading())));
        assertEquals(2, lookups.get(), "nor one it has");
    }

    @Test
    void aDatumThatDoesNotFillTheWriterSchemaExactlyIsRefused() throws Exception {
        byte[] whole = framed(1, reading());
        assertFalse(values.test(Arrays.copyOf(whole, whole.length - 1)), "truncated");
        assertFalse(values.test(Arrays.copyOf(whole, whole.length + 1)), "a byte left over");
        assertFalse(values.test(framed(2, reading())), "a Reading under the Alarm's id");
    }

    @Test
    void aRegistryThatCannotBeAskedEndsTheCheckInsteadOfCountingTheValue() throws Exception {
        FramedAvroValues unreachable = new FramedAvroValues(id -> {
            throw new SchemaRegistryException("schema registry at http://127.0.0.1:1 did not answer", null);
        });
        byte[] value = framed(1, reading());
        assertThrows(SchemaRegistryException.class, () -> unreachable.test(value));
    }
}
