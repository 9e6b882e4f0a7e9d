package io.loadfleet.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.SinkSpec;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CsvColumnsTest {

    private static SinkSpec files(FileFormat format) {
        FileSinkSpec file = new FileSinkSpec();
        file.setPath("/tmp/out");
        file.setFormat(format);
        SinkSpec sink = new SinkSpec();
        sink.setFile(file);
        return sink;
    }

    private static Schema record(String type) {
        return new Schema.Parser()
                .parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"},"
                        + " {\"name\": \"x\", \"type\": " + type + "}]}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\": \"record\", \"name\": \"A\", \"fields\": [{\"name\": \"city\", \"type\": \"string\"}]}|record",
                "{\"type\": \"array\", \"items\": \"int\"}|array",
                "{\"type\": \"map\", \"values\": \"int\"}|map",
                "[\"null\", \"int\", {\"type\": \"array\", \"items\": \"int\"}]|a union with an array branch"
            })
    void csvRefusesNestedFieldsNamingThem(String type, String why) {
        assertEquals(
                Optional.of(new Problem(
                        "spec.sink.file.format",
                        "csv cannot hold the nested field x (" + why + "): use jsonl or parquet")),
                CsvColumns.refusal(files(FileFormat.CSV), record(type)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[\"null\", \"int\", \"string\"]",
                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 5, \"scale\": 2}",
                "{\"type\": \"int\", \"logicalType\": \"date\"}",
                "{\"type\": \"fixed\", \"name\": \"F\", \"size\": 3}"
            })
    void csvHoldsSingleValuesOfAnyType(String type) {
        assertEquals(Optional.empty(), CsvColumns.refusal(files(FileFormat.CSV), record(type)));
    }

    @ParameterizedTest
    @EnumSource(
            value = FileFormat.class,
            names = {"JSONL", "PARQUET"})
    void otherFilesHoldNestedFields(FileFormat format) {
        assertEquals(
                Optional.empty(),
                CsvColumns.refusal(files(format), record("{\"type\": \"array\", \"items\": \"int\"}")));
    }
}
