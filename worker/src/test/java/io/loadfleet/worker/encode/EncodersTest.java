package io.loadfleet.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import java.time.Instant;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import io.loadfleet.worker.generate.GeneratedRecord;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EncodersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(GeneratorType.class)
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
                assertEquals(String.valueOf(record.get(f.pos())), String.valueOf(back.get(f.pos())), type + "." + f.name());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GeneratorType.class)
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

    @Test
    void timestampMillisIsWrittenAsIsoUtc() throws Exception {
        Schema schema = SchemaBuilder.record("r").fields()
                .name("at").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .requiredLong("time").endRecord();
        GeneratedRecord r = new GeneratedRecord(schema);
        r.put(0, 1_740_227_696_000L);
        r.put(1, 1_740_227_696_000L);
        assertEquals("{\"at\":\"2025-02-22T12:34:56Z\",\"time\":1740227696000}",
                new String(Encoders.create(Format.JSON, schema).encode(r)));
    }

    @Test
    void jsonRefusesShapesItCannotWriteFlat() {
        Schema nested = SchemaBuilder.record("r").fields().name("xs").type().array().items().intType().noDefault().endRecord();
        assertThrows(IllegalArgumentException.class, () -> Encoders.create(Format.JSON, nested));
    }
}
