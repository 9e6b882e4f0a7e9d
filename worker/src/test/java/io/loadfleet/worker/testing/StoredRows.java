package io.loadfleet.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.worker.records.FieldKind;
import io.loadfleet.worker.records.GeneratedRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads a file sink's files back with each format's own reader (parquet-avro, Commons CSV,
 * Jackson), as rows of values typed like {@link GeneratedRecord#get}: timestamps as epoch millis.
 */
public final class StoredRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredRows() {}

    /** A shard's files in roll order. */
    public static List<Path> files(Path dir, int shard, FileFormat format) throws IOException {
        String prefix = String.format("shard-%04d-", shard);
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith("." + format.extension()))
                    .sorted()
                    .toList();
        }
    }

    /** Every row of a shard's files, in the order written. */
    public static List<List<Object>> shard(Path dir, int shard, FileFormat format, Schema schema) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (Path file : files(dir, shard, format)) {
            rows.addAll(read(file, format, schema));
        }
        return rows;
    }

    public static List<List<Object>> read(Path file, FileFormat format, Schema schema) throws IOException {
        return switch (format) {
            case PARQUET -> parquet(file, schema);
            case CSV -> csv(file, schema);
            case JSONL -> jsonLines(file, schema);
        };
    }

    /** The values a generated record holds, to compare with rows read back. */
    public static List<Object> values(GeneratedRecord record) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
            values.add(record.get(i));
        }
        return values;
    }

    private static List<List<Object>> parquet(Path file, Schema schema) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                        new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < schema.getFields().size(); i++) {
                    Object v = r.get(i);
                    row.add(v instanceof CharSequence text ? text.toString() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<Object>> csv(Path file, Schema schema) throws IOException {
        FieldKind[] kinds = FieldKind.of(schema);
        List<List<Object>> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            if (!parser.getHeaderNames()
                    .equals(schema.getFields().stream().map(Schema.Field::name).toList())) {
                throw new IOException(file + ": header " + parser.getHeaderNames());
            }
            for (CSVRecord record : parser) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < kinds.length; i++) {
                    row.add(parse(kinds[i], record.get(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<Object>> jsonLines(Path file, Schema schema) throws IOException {
        FieldKind[] kinds = FieldKind.of(schema);
        List<List<Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < kinds.length; i++) {
                JsonNode value = node.get(schema.getFields().get(i).name());
                row.add(value.isNull() ? null : parse(kinds[i], value.asText()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object parse(FieldKind kind, String text) {
        return switch (kind) {
            case STRING, ENUM -> text;
            case INT -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case DOUBLE -> Double.parseDouble(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case TIMESTAMP_MILLIS -> Instant.parse(text).toEpochMilli();
            case GENERIC -> text; // as ScalarValues shows it
        };
    }
}
