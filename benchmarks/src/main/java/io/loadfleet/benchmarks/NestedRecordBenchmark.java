package io.loadfleet.benchmarks;

import io.loadfleet.api.spec.AvroSchemaSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.records.GeneratedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
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
 * Generate and encode one record of a user's avro-schema, as a shard does, in ns per record: {@code flat} is
 * the orders example's schema (deploy/examples/orders-avro-schema.yaml), {@code nested} a record holding a
 * record in a record, an array of records, a map, a three-branch union and every generated logical type.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NestedRecordBenchmark {
    static final long DEVICES = 100_000;

    static final String FLAT = """
            {"type": "record", "name": "Order", "namespace": "com.example.shop", "fields": [
              {"name": "customer_id", "type": "string", "arg.properties": {"device-id": true}},
              {"name": "order_no", "type": "long", "arg.properties": {"iteration": {"start": 1000, "step": 1}}},
              {"name": "sku", "type": "string", "arg.properties": {"regex": "[A-Z]{3}-\\\\d{4}"}},
              {"name": "quantity", "type": "int", "arg.properties": {"range": {"min": 1, "max": 10}}},
              {"name": "unit_price", "type": "double", "arg.properties": {"range": {"min": 0.5, "max": 250.0}}},
              {"name": "channel", "type": {"type": "enum", "name": "Channel", "symbols": ["WEB", "APP", "STORE"]},
               "arg.properties": {"options": [{"value": "WEB", "weight": 6}, {"value": "APP", "weight": 3},
                                              {"value": "STORE", "weight": 1}]}},
              {"name": "currency", "type": "string", "arg.properties": {"options": ["EUR", "USD", "GBP"]}},
              {"name": "coupon", "type": ["null", "string"], "arg.properties": {"null": 0.8, "length": {"min": 6, "max": 10}}},
              {"name": "gift", "type": "boolean"},
              {"name": "ordered_at", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}""";

    static final String NESTED = """
            {"type": "record", "name": "Order", "namespace": "com.example.shop", "fields": [
              {"name": "order_id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                {"name": "id", "type": "string", "arg.properties": {"device-id": true}},
                {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                  {"name": "city", "type": "string", "arg.properties": {"options": ["Berlin", "Lyon", "Porto"]}},
                  {"name": "zip", "type": "string", "arg.properties": {"regex": "\\\\d{5}"}}]}}]}},
              {"name": "lines", "type": {"type": "array", "arg.properties": {"length": {"min": 1, "max": 4}},
                "items": {"type": "record", "name": "Line", "fields": [
                  {"name": "sku", "type": "string", "arg.properties": {"regex": "[A-Z]{3}-\\\\d{4}"}},
                  {"name": "quantity", "type": "int", "arg.properties": {"range": {"min": 1, "max": 10}}},
                  {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2},
                   "arg.properties": {"range": {"min": 0.5, "max": 250}}}]}}},
              {"name": "tags", "type": {"type": "map", "values": "int", "arg.properties": {"length": 2}}},
              {"name": "payment", "type": ["null", "string", {"type": "record", "name": "Card", "fields": [
                {"name": "last4", "type": "string", "arg.properties": {"regex": "\\\\d{4}"}}]}],
               "arg.properties": {"null": 0.1}},
              {"name": "total", "type": {"type": "fixed", "name": "Amount", "size": 8, "logicalType": "decimal",
                "precision": 12, "scale": 2}},
              {"name": "delivery_date", "type": {"type": "int", "logicalType": "date"}},
              {"name": "slot", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "ordered_at", "type": {"type": "long", "logicalType": "timestamp-micros"}}]}""";

    @Param({"flat", "nested"})
    public String schema;

    /**
     * avro-generic: Avro's GenericDatumWriter over the whole record (as Avro's generic record), the
     * alternative to the Avro encoder's own flat fields with GenericDatumWriter for the nested ones.
     */
    @Param({"json", "avro", "avro-generic"})
    public String format;

    private RecordGenerator records;
    private RecordEncoder encoder;
    private GeneratedRecord record;
    private long sequence;
    private long eventTime;

    @Setup
    public void setUp() {
        GeneratorSpec spec = new GeneratorSpec();
        spec.setType(GeneratorType.AVRO_SCHEMA);
        spec.setAvroSchema(new AvroSchemaSpec(schema.equals("flat") ? FLAT : NESTED));
        RecordShape shape = Generators.shape(spec, null);
        records = shape.create(new GeneratorSettings(1, 0, 0, DEVICES));
        encoder = format.equals("avro-generic")
                ? genericWriter(shape.schema())
                : Encoders.create(Format.valueOf(format.toUpperCase(Locale.ROOT)), shape.schema());
        record = new GeneratedRecord(shape.schema());
        eventTime = System.currentTimeMillis();
    }

    private static RecordEncoder genericWriter(Schema schema) {
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder[] avro = {null};
        return record -> {
            bytes.reset();
            avro[0] = EncoderFactory.get().binaryEncoder(bytes, avro[0]);
            try {
                writer.write(record.toGenericRecord(), avro[0]);
                avro[0].flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    @Benchmark
    public byte[] generateAndEncode() {
        long seq = sequence++;
        records.fill(seq % DEVICES, seq, eventTime + seq / 1000, record);
        return encoder.encode(record);
    }
}
