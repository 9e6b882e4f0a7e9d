package io.loadfleet.worker.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.AvroSchemaSpec;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
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
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.SendListener;
import io.loadfleet.worker.testing.StoredRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Records of a user's schema with nullable and enum fields, written to files and read back with each format's reader. */
class UserSchemaFilesTest {
    static final String SCHEMA = """
            {"type": "record", "name": "Reading", "fields": [
              {"name": "id", "type": "string", "arg.properties": {"device-id": true}},
              {"name": "level", "type": {"type": "enum", "name": "Level", "symbols": ["LOW", "HIGH"]}},
              {"name": "note", "type": ["null", "string"], "arg.properties": {"null": 0.5, "options": ["ok", "check"]}},
              {"name": "count", "type": ["long", "null"], "arg.properties": {"null": 0.3, "range": {"min": 1, "max": 9}}}]}""";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(
            value = FileFormat.class,
            names = {"PARQUET", "JSONL"})
    void nullsAndSymbolsAreStoredAsTheRecordsHoldThem(FileFormat format) throws Exception {
        GeneratorSpec spec = new GeneratorSpec();
        spec.setType(GeneratorType.AVRO_SCHEMA);
        spec.setAvroSchema(new AvroSchemaSpec(SCHEMA));
        RecordShape shape = Generators.shape(spec, null);
        RecordGenerator generator = shape.create(new GeneratorSettings(3, 0, 0, 10));
        RecordEncoder json = Encoders.create(Format.JSON, shape.schema());
        FileSinkSpec files = new FileSinkSpec();
        files.setPath(dir.toString());
        files.setFormat(format);
        AtomicLong acked = new AtomicLong();
        SendListener listener = new SendListener() {
            @Override
            public void acked(long intendedNanos, long sequence) {
                acked.incrementAndGet();
            }

            @Override
            public void failed(long intendedNanos, long sequence, Exception error) {
                throw new AssertionError(error);
            }
        };
        List<List<Object>> expected = new ArrayList<>();
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        OutgoingRecord out = new OutgoingRecord("files", 0, 0);
        out.record = record;
        try (FileSink sink = FileSink.open(files, shape.schema())) {
            for (long seq = 0; seq < 2_000; seq++) {
                generator.fill(seq % 10, seq, 1_767_225_600_000L + seq, record);
                out.key = generator.key(seq % 10).getBytes();
                out.value = json.encode(record);
                out.sequence = seq;
                sink.send(out, listener);
                List<Object> values = new ArrayList<>(StoredRows.values(record));
                values.set(1, values.get(1).toString()); // the enum symbol as text, as both readers give it here
                expected.add(values);
            }
        }
        List<List<Object>> stored = StoredRows.shard(dir, 0, format, shape.schema()).stream()
                .map(row -> {
                    List<Object> values = new ArrayList<>(row);
                    values.set(1, values.get(1).toString());
                    return values;
                })
                .toList();
        assertEquals(expected, stored);
        assertEquals(2_000, acked.get());
        assertTrue(
                expected.stream().anyMatch(r -> r.get(2) == null)
                        && expected.stream().anyMatch(r -> r.get(3) == null),
                "both unions hold nulls");
    }
}
