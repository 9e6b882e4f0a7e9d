package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.ConsoleCapture;
import io.loadfleet.worker.generate.GeneratedRecord;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.sink.file.StoredRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** `loadfleet run` with sink.file, as a user calls it: the files hold every acked record, as the generator made it. */
@Timeout(120)
class FileSinkRunTest {
    static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: files}
            spec:
              targetRate: 3000
              replicas: 2
              devices: {count: 40}
              generator: {type: transaction, seed: 11}
              duration: 2s
              sink: {file: {path: PATH, format: FORMAT}}
            """;
    static final Schema SCHEMA = Generators.schema(GeneratorType.TRANSACTION);

    @TempDir
    Path dir;
    ConsoleCapture console;

    @BeforeEach
    void capture() {
        console = new ConsoleCapture();
    }

    @AfterEach
    void restore() {
        console.close();
    }

    Path profile(Path path, FileFormat format) throws Exception {
        return Files.writeString(dir.resolve("profile.yaml"),
                PROFILE.replace("PATH", path.toString()).replace("FORMAT", format.extension()));
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void runWritesEveryAckedRecordToItsShardsFiles(FileFormat format) throws Exception {
        Path data = dir.resolve("data");
        Path summary = dir.resolve("summary.json");
        int rc = Loadfleet.execute("run", profile(data, format).toString(), "--summary", summary.toString());
        assertEquals(0, rc, console.err());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(s.get("sent").asLong(), s.get("acked").asLong());
        assertEquals(data.toAbsolutePath().resolve("*." + format.extension()).toString(), s.get("sink").asText());
        long rows = 0;
        for (JsonNode shard : s.get("shards")) {
            int index = shard.get("index").asInt();
            List<List<Object>> stored = StoredRows.shard(data, index, format, SCHEMA);
            assertEquals(shard.get("acked").asLong(), stored.size(), "shard " + index);
            assertRegenerates(index, shard.get("deviceStart").asLong(), shard.get("deviceEnd").asLong(), stored);
            rows += stored.size();
        }
        assertTrue(rows >= 5000, "about 6000 records in 2 s: " + rows);
        System.out.printf(Locale.ROOT, "%s: %d rows over %d shards%n", format, rows, s.get("shards").size());
    }

    /** Row n of a shard is its record n: generated again from (seed, shard, n) at the row's own event time. */
    static void assertRegenerates(int shard, long deviceStart, long deviceEnd, List<List<Object>> stored) {
        RecordGenerator generator = Generators.create(GeneratorType.TRANSACTION, new GeneratorSettings(11, shard, deviceStart, deviceEnd));
        GeneratedRecord record = new GeneratedRecord(SCHEMA);
        int timestamp = SCHEMA.getField("timestamp").pos();
        for (int seq = 0; seq < stored.size(); seq++) {
            List<Object> row = stored.get(seq);
            generator.fill(deviceStart + seq % (deviceEnd - deviceStart), seq, (Long) row.get(timestamp), record);
            assertEquals(StoredRows.values(record), row, "shard " + shard + " record " + seq);
        }
    }

    @Test
    void aPathThatCannotBeWrittenIsBadInput() throws Exception {
        Path blocked = Files.writeString(dir.resolve("plain-file"), "x").resolve("out");
        assertEquals(2, Loadfleet.execute("run", profile(blocked, FileFormat.CSV).toString()));
        String message = console.err();
        assertTrue(message.contains("spec.sink.file.path: cannot write files in " + blocked), message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
    }

    @Test
    void aBrokerOptionIsRefusedForFiles() throws Exception {
        Path profile = profile(dir.resolve("data"), FileFormat.JSONL);
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--bootstrap-servers", "localhost:9092"));
        assertTrue(console.err().contains("--bootstrap-servers: this profile writes files (sink.file)"),
                console.err());
        assertFalse(Files.exists(dir.resolve("data")));
    }
}
