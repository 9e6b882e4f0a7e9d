package io.loadfleet.worker.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.read.ProfileLoader;
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
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of a nested schema (the shipped parquet example's) in Parquet files, read back by parquet-avro as
 * the records they were, with nested columns; JSON lines carry the nested JSON; CSV holds single values of
 * any type as text.
 */
class NestedSchemaFilesTest {
    private static final int RECORDS = 2_000;

    @TempDir
    Path dir;

    static RecordShape example() throws Exception {
        LoadProfile profile =
                ProfileLoader.load(Path.of("..", "deploy", "examples", "nested-avro-schema-parquet.yaml"));
        return Generators.shape(profile.getSpec().getGenerator(), null);
    }

    /** Writes {@code RECORDS} records of {@code shape} to {@code format} files; returns them as generated. */
    private List<GenericRecord> write(RecordShape shape, FileFormat format, Consumer<byte[]> values) throws Exception {
        RecordGenerator generator = shape.create(new GeneratorSettings(5, 0, 0, 50));
        RecordEncoder json = Encoders.create(Format.JSON, shape.schema());
        FileSinkSpec files = new FileSinkSpec();
        files.setPath(dir.toString());
        files.setFormat(format);
        SendListener listener = new SendListener() {
            @Override
            public void acked(long intendedNanos, long sequence) {}

            @Override
            public void failed(long intendedNanos, long sequence, Exception error) {
                throw new AssertionError(error);
            }
        };
        List<GenericRecord> written = new ArrayList<>();
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        OutgoingRecord out = new OutgoingRecord("files", 0, 0);
        out.record = record;
        try (FileSink sink = FileSink.open(files, shape.schema())) {
            for (long seq = 0; seq < RECORDS; seq++) {
                generator.fill(seq % 50, seq, 1_767_225_600_000L + seq, record);
                out.key = generator.key(seq % 50).getBytes();
                out.value = json.encode(record);
                out.sequence = seq;
                sink.send(out, listener);
                written.add(record.toGenericRecord());
                values.accept(out.value);
            }
        }
        return written;
    }

    @Test
    void parquetHoldsNestedColumnsThatReadBackAsTheRecords() throws Exception {
        RecordShape shape = example();
        List<GenericRecord> written = write(shape, FileFormat.PARQUET, value -> {});
        List<GenericRecord> read = new ArrayList<>();
        List<Path> files = StoredRows.files(dir, 0, FileFormat.PARQUET);
        for (Path file : files) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                            new LocalInputFile(file), new PlainParquetConfiguration())
                    .withDataModel(GenericData.get())
                    .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    read.add(r);
                }
            }
        }
        assertEquals(written, read, "GenericData's equality: every nested value as written");

        MessageType columns;
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(files.get(0)))) {
            columns = footer.getFileMetaData().getSchema();
        }
        GroupType location = columns.getType("location").asGroupType();
        assertEquals(
                List.of("lat", "lon"),
                location.getFields().stream().map(Type::getName).toList());
        // the standard three-level list: <readings> (LIST) { repeated group list { element } }
        GroupType readings = columns.getType("readings").asGroupType();
        assertEquals(LogicalTypeAnnotation.listType(), readings.getLogicalTypeAnnotation());
        GroupType list = readings.getType(0).asGroupType();
        assertEquals("list", list.getName());
        assertTrue(list.isRepetition(Type.Repetition.REPEATED));
        assertEquals("element", list.getType(0).getName());
        assertEquals(
                List.of("sensor", "value", "quality"),
                list.getType(0).asGroupType().getFields().stream()
                        .map(Type::getName)
                        .toList());
        GroupType labels = columns.getType("labels").asGroupType();
        assertEquals(LogicalTypeAnnotation.mapType(), labels.getLogicalTypeAnnotation());
        // a union of several types is a group of one optional member per branch
        assertEquals(2, columns.getType("firmware").asGroupType().getFieldCount());
        assertEquals(
                LogicalTypeAnnotation.decimalType(4, 12),
                columns.getType("energy_kwh").getLogicalTypeAnnotation());
    }

    @Test
    void jsonLinesCarryTheNestedJson() throws Exception {
        List<String> sent = new ArrayList<>();
        write(example(), FileFormat.JSONL, value -> sent.add(new String(value, StandardCharsets.UTF_8)));
        List<String> lines = new ArrayList<>();
        for (Path file : StoredRows.files(dir, 0, FileFormat.JSONL)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        assertEquals(sent, lines);
        assertTrue(lines.get(0).contains("\"location\":{\"lat\":"), lines.get(0));
    }

    @Test
    void csvHoldsSingleValuesOfAnyTypeAsText() throws Exception {
        GeneratorSpec spec = new GeneratorSpec();
        spec.setType(GeneratorType.AVRO_SCHEMA);
        spec.setAvroSchema(new AvroSchemaSpec("""
                {"type": "record", "name": "Row", "fields": [
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 8},
                   "arg.properties": {"range": {"min": 0, "max": 0.000001}}},
                  {"name": "blob", "type": "bytes", "arg.properties": {"length": 3}},
                  {"name": "either", "type": ["null", "int", "string"], "arg.properties": {"null": 0.2}}]}"""));
        RecordShape shape = Generators.shape(spec, null);
        List<GenericRecord> written = write(shape, FileFormat.CSV, value -> {});
        Schema amount = shape.schema().getField("amount").schema();
        List<List<String>> expected = written.stream()
                .map(r -> {
                    List<String> row = new ArrayList<>();
                    row.add(LocalDate.ofEpochDay((Integer) r.get("day")).toString());
                    row.add(Instant.EPOCH.plusNanos((Long) r.get("at") * 1_000).toString());
                    BigDecimal value = new Conversions.DecimalConversion()
                            .fromBytes((java.nio.ByteBuffer) r.get("amount"), amount, amount.getLogicalType());
                    row.add(value.toPlainString());
                    java.nio.ByteBuffer blob = ((java.nio.ByteBuffer) r.get("blob")).duplicate();
                    byte[] bytes = new byte[blob.remaining()];
                    blob.get(bytes);
                    row.add(Base64.getEncoder().encodeToString(bytes));
                    row.add(r.get("either") == null ? "" : r.get("either").toString());
                    return row;
                })
                .toList();
        List<List<String>> stored = new ArrayList<>();
        for (Path file : StoredRows.files(dir, 0, FileFormat.CSV)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser csv = CSVParser.parse(
                            in,
                            CSVFormat.DEFAULT
                                    .builder()
                                    .setHeader()
                                    .setSkipHeaderRecord(true)
                                    .get())) {
                for (CSVRecord row : csv) {
                    stored.add(row.toList());
                }
            }
        }
        assertEquals(expected, stored);
        // BigDecimal's toString would write 1E-8 and 0E-8 for these
        assertTrue(stored.stream().allMatch(row -> row.get(2).matches("0\\.000000\\d\\d")), "plain notation");
    }
}
