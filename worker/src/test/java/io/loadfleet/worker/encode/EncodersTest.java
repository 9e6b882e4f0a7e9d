package io.loadfleet.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.records.GeneratedRecord;
import java.time.Instant;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EncodersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(
            value = GeneratorType.class,
            names = {"DATASET", "AVRO_SCHEMA"},
            mode = EnumSource.Mode.EXCLUDE)
    void avroRoundTripsThroughAvrosOwnReader(GeneratorType type) throws Exception {
        RecordGenerator generator = Generators.create(type, new GeneratorSettings(3, 0, 100, 200));
        RecordEncoder encoder = Encoders.create(Format.AVRO, generator.schema());
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(Generators.schema(type));
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        for (long seq = 0; seq < 500; seq++) {
            generator.fill(100 + seq % 100, seq, 1_700_000_000_000L + seq, record);
            byte[] bytes = encoder.encode(record);
            GenericRecord back = reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            for (Schema.Field f : generator.schema().getFields()) {
                assertEquals(
                        String.valueOf(record.get(f.pos())), String.valueOf(back.get(f.pos())), type + "." + f.name());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = GeneratorType.class,
            names = {"DATASET", "AVRO_SCHEMA"},
            mode = EnumSource.Mode.EXCLUDE)
    void jsonHasEverySchemaFieldWithItsValue(GeneratorType type) throws Exception {
        RecordGenerator generator = Generators.create(type, new GeneratorSettings(3, 1, 0, 50));
        RecordEncoder encoder = Encoders.create(Format.JSON, generator.schema());
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        for (long seq = 0; seq < 200; seq++) {
            generator.fill(seq % 50, seq, 1_700_000_000_000L + seq * 1000, record);
            JsonNode json = JSON.readTree(encoder.encode(record));
            assertEquals(generator.schema().getFields().size(), json.size());
            for (Schema.Field f : generator.schema().getFields()) {
                JsonNode v = json.get(f.name());
                Object expected = record.get(f.pos());
                if (f.schema().getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    assertEquals((Long) expected, Instant.parse(v.asText()).toEpochMilli(), f.name());
                } else if (expected instanceof Double d) {
                    assertEquals(d, v.asDouble(), 0.0, f.name());
                } else {
                    assertEquals(String.valueOf(expected), v.asText(), f.name());
                }
            }
        }
    }

    /** What Jackson's own generator (the encoder's before) writes for the record. */
    static String jacksonJson(GeneratedRecord record) throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = com.fasterxml.jackson.core.JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build()
                .createGenerator(text)) {
            json.writeStartObject();
            for (Schema.Field f : record.schema().getFields()) {
                json.writeFieldName(f.name());
                switch (record.kind(f.pos())) {
                    case STRING -> json.writeString(record.getString(f.pos()));
                    case INT -> json.writeNumber(record.getInt(f.pos()));
                    case LONG -> json.writeNumber(record.getLong(f.pos()));
                    case DOUBLE -> json.writeNumber(record.getDouble(f.pos()));
                    case BOOLEAN -> json.writeBoolean(record.getBoolean(f.pos()));
                    case TIMESTAMP_MILLIS ->
                        json.writeString(
                                Instant.ofEpochMilli(record.getLong(f.pos())).toString());
                }
            }
            json.writeEndObject();
        }
        return text.toString();
    }

    @ParameterizedTest
    @EnumSource(
            value = GeneratorType.class,
            names = {"DATASET", "AVRO_SCHEMA"},
            mode = EnumSource.Mode.EXCLUDE)
    void jsonIsByteForByteWhatJacksonWrites(GeneratorType type) throws Exception {
        RecordGenerator generator = Generators.create(type, new GeneratorSettings(5, 2, 1_000, 3_000));
        RecordEncoder encoder = Encoders.create(Format.JSON, generator.schema());
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        for (long seq = 0; seq < 20_000; seq++) {
            generator.fill(1_000 + seq % 2_000, seq, 1_700_000_000_000L + seq * 7, record);
            assertEquals(
                    jacksonJson(record), new String(encoder.encode(record), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void jsonEscapesTextAndWritesAnyDoubleAsJacksonDoes() throws Exception {
        Schema schema = SchemaBuilder.record("r")
                .fields()
                .requiredString("text")
                .requiredDouble("x")
                .requiredInt("n")
                .requiredBoolean("b")
                .endRecord();
        RecordEncoder encoder = Encoders.create(Format.JSON, schema);
        GeneratedRecord r = new GeneratedRecord(schema);
        String[] texts = {
            "plain", "quote \" and back\\slash", "tab\tnew\nline\u0001", "Zürich € 😀", "", "x".repeat(5_000)
        };
        double[] doubles = {
            0.0,
            -0.0,
            1.0 / 3,
            Math.PI * 1e12,
            -2.5e-9,
            1e7,
            9_999_999.999999,
            Double.MAX_VALUE,
            Double.MIN_VALUE,
            Double.NaN,
            Double.NEGATIVE_INFINITY
        };
        for (int i = 0; i < texts.length * doubles.length; i++) {
            r.put(0, texts[i % texts.length]);
            r.put(1, doubles[i % doubles.length]);
            r.put(2, i % 2 == 0 ? Integer.MIN_VALUE : i);
            r.put(3, i % 3 == 0);
            assertEquals(jacksonJson(r), new String(encoder.encode(r), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void avroWritesAnyTextAndGrowsForLongRecords() throws Exception {
        Schema schema = SchemaBuilder.record("r")
                .fields()
                .requiredString("text")
                .requiredLong("n")
                .endRecord();
        RecordEncoder encoder = Encoders.create(Format.AVRO, schema);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
        GeneratedRecord r = new GeneratedRecord(schema);
        for (String text : new String[] {"", "Zürich € 😀", "x".repeat(70_000), "short again"}) {
            r.put(0, text);
            r.put(1, Long.MIN_VALUE);
            GenericRecord back = reader.read(null, DecoderFactory.get().binaryDecoder(encoder.encode(r), null));
            assertEquals(text, back.get("text").toString());
            assertEquals(Long.MIN_VALUE, back.get("n"));
        }
    }

    @Test
    void timestampMillisIsWrittenAsIsoUtc() throws Exception {
        Schema schema = SchemaBuilder.record("r")
                .fields()
                .name("at")
                .type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
                .noDefault()
                .requiredLong("time")
                .endRecord();
        GeneratedRecord r = new GeneratedRecord(schema);
        r.put(0, 1_740_227_696_000L);
        r.put(1, 1_740_227_696_000L);
        assertEquals(
                "{\"at\":\"2025-02-22T12:34:56Z\",\"time\":1740227696000}",
                new String(Encoders.create(Format.JSON, schema).encode(r)));
    }
}
