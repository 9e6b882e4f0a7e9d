package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A nested schema that reaches a CSV file sink only when the worker starts (from a ConfigMap, or in a pod's
 * configuration) is refused there: `run` and `worker` exit 2 naming the field, before any file is made.
 */
@Timeout(60)
class NestedCsvRefusalTest {
    static final String SCHEMA = """
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "string"},
              {"name": "tags", "type": {"type": "array", "items": "string"}}]}""";
    static final String REFUSAL =
            "spec.sink.file.format: csv cannot hold the nested field tags (array): use jsonl or parquet";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new Loadfleet());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void runRefusesAConfigMapdNestedSchemaForCsvFiles() throws Exception {
        Files.createDirectories(dir.resolve("maps/schemas"));
        Files.writeString(dir.resolve("maps/schemas/r.avsc"), SCHEMA);
        Path files = dir.resolve("out");
        Path profile = Files.writeString(dir.resolve("p.yaml"), """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: nested-csv}
                spec:
                  targetRate: 10
                  devices: {count: 10}
                  generator:
                    type: avro-schema
                    avroSchema: {configMapRef: {name: schemas, key: r.avsc}}
                  sink: {file: {path: %s, format: csv}}
                """.formatted(files));
        assertEquals(
                2,
                execute(
                        "run",
                        profile.toString(),
                        "--config-maps-dir",
                        dir.resolve("maps").toString(),
                        "--duration",
                        "1s"),
                err.toString());
        assertTrue(err.toString().contains(REFUSAL), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertFalse(Files.exists(files), "no file is made");
    }

    @Test
    void aWorkerPodRefusesItsConfigurationsNestedSchemaForCsvFiles() throws Exception {
        Path config = Files.writeString(
                dir.resolve("worker.yaml"), """
                profile: p
                generator:
                  type: avro-schema
                  avroSchema:
                    schema: '%s'
                format: json
                sink: {file: {path: %s, format: csv}}
                """.formatted(SCHEMA.replace("\n", " "), dir.resolve("out")));
        assertEquals(2, execute("worker", "--config", config.toString(), "--port", "0"), err.toString());
        assertTrue(err.toString().contains(REFUSAL), err.toString());
    }
}
