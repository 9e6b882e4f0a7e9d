package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.StoredRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
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
        return Files.writeString(
                dir.resolve("profile.yaml"),
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
        assertEquals(
                data.toAbsolutePath().resolve("*." + format.extension()).toString(),
                s.get("sink").asText());
        long rows = 0;
        for (JsonNode shard : s.get("shards")) {
            int index = shard.get("index").asInt();
            List<List<Object>> stored = StoredRows.shard(data, index, format, SCHEMA);
            assertEquals(shard.get("acked").asLong(), stored.size(), "shard " + index);
            assertRegenerates(
                    index,
                    shard.get("deviceStart").asLong(),
                    shard.get("deviceEnd").asLong(),
                    stored);
            rows += stored.size();
        }
        assertTrue(rows >= 5000, "about 6000 records in 2 s: " + rows);
        // the progress line's achieved rate counts records written, also those of a Parquet file not yet finished
        Matcher first = Pattern.compile("(?m)^\\s*1\\.0s\\s+target\\s+\\S+/s\\s+achieved\\s+(\\d+)/s")
                .matcher(console.out());
        assertTrue(first.find(), console.out());
        assertEquals(3000, Long.parseLong(first.group(1)), 300, console.out());
        System.out.printf(
                Locale.ROOT,
                "%s: %d rows over %d shards%n",
                format,
                rows,
                s.get("shards").size());
    }

    /** Row n of a shard is its record n: generated again from (seed, shard, n) at the row's own event time. */
    static void assertRegenerates(int shard, long deviceStart, long deviceEnd, List<List<Object>> stored) {
        RecordGenerator generator =
                Generators.create(GeneratorType.TRANSACTION, new GeneratorSettings(11, shard, deviceStart, deviceEnd));
        GeneratedRecord record = new GeneratedRecord(SCHEMA);
        int timestamp = SCHEMA.getField("timestamp").pos();
        for (int seq = 0; seq < stored.size(); seq++) {
            List<Object> row = stored.get(seq);
            generator.fill(deviceStart + seq % (deviceEnd - deviceStart), seq, (Long) row.get(timestamp), record);
            assertEquals(StoredRows.values(record), row, "shard " + shard + " record " + seq);
        }
    }

    /**
     * A disk that fills up, for real: `run` in a process of its own under a file-size limit
     * ({@code ulimit -f}), past which every write fails (EFBIG). The records not yet in a file fail,
     * the file is cut back to its last good flush, and the next record starts a new file, so the
     * files hold the acked records and no more, each whole; Parquet files, unreadable without the
     * footer they cannot get, are removed.
     */
    @ParameterizedTest
    @EnumSource(FileFormat.class)
    @EnabledOnOs(OS.LINUX) // bash's ulimit, and a JVM that ignores SIGXFSZ so that writes fail with EFBIG
    void aFullDiskFailsTheRecordsNotYetWrittenAndTheFilesHoldExactlyTheAckedOnes(FileFormat format) throws Exception {
        Path data = dir.resolve("data");
        Path summary = dir.resolve("summary.json");
        Path profile = Files.writeString(dir.resolve("profile.yaml"), """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: disk-full}
                spec:
                  targetRate: RATE
                  replicas: 1
                  devices: {count: 40}
                  generator: {type: transaction, seed: 11}
                  duration: 4s
                  sink: {file: {path: PATH, format: FORMAT, rollBytes: 8388608}}
                """.replace("PATH", data.toString())
                .replace("FORMAT", format.extension())
                // Line files: a second's flush goes in, the next second's passes the limit. A Parquet file is
                // written a row group at a time: at this rate its first group is over the limit.
                .replace("RATE", format == FileFormat.PARQUET ? "20000" : "3000"));
        long limitKib = 1024;
        Process run = new ProcessBuilder(
                        "bash",
                        "-c",
                        "ulimit -f " + limitKib + " && exec \"$@\"",
                        "limited",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Loadfleet.class.getName(),
                        "run",
                        profile.toString(),
                        "--summary",
                        summary.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile())
                .start();
        try {
            assertTrue(run.waitFor(90, TimeUnit.SECONDS), "run ended");
        } finally {
            run.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("run.log"));
        assertEquals(1, run.exitValue(), log);
        assertTrue(log.contains("File too large"), log);
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        long sent = s.get("sent").asLong();
        long acked = s.get("acked").asLong();
        long errors = s.get("errors").asLong();
        assertTrue(errors > 0, "records failed: " + s);
        assertEquals(sent, acked + errors, "every record acked or failed: " + s);
        List<Path> files = StoredRows.files(data, 0, format);
        for (Path file : files) {
            assertTrue(Files.size(file) <= limitKib * 1024, file + " is within the limit");
            byte[] bytes = Files.readAllBytes(file);
            assertTrue(
                    format == FileFormat.PARQUET || bytes[bytes.length - 1] == '\n', file + " ends with a whole line");
        }
        assertEquals(acked, StoredRows.shard(data, 0, format, SCHEMA).size(), "the files hold the acked records");
        try (Stream<Path> all = Files.list(data)) {
            assertEquals(
                    List.of(),
                    all.filter(f -> f.toString().endsWith(".inprogress")).toList(),
                    "no unfinished file left");
        }
        System.out.printf(
                Locale.ROOT,
                "%s under a %d KiB file-size limit: %d sent, %d acked in %d files, %d failed%n",
                format,
                limitKib,
                sent,
                acked,
                files.size(),
                errors);
    }

    @Test
    void aPathThatCannotBeWrittenIsBadInput() throws Exception {
        Path blocked = Files.writeString(dir.resolve("plain-file"), "x").resolve("out");
        assertEquals(
                2, Loadfleet.execute("run", profile(blocked, FileFormat.CSV).toString()));
        String message = console.err();
        assertTrue(message.contains("spec.sink.file.path: cannot write files in " + blocked), message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
    }

    @Test
    void aBrokerOptionIsRefusedForFiles() throws Exception {
        Path profile = profile(dir.resolve("data"), FileFormat.JSONL);
        assertEquals(2, Loadfleet.execute("run", profile.toString(), "--bootstrap-servers", "localhost:9092"));
        assertTrue(console.err().contains("--bootstrap-servers: this profile writes files (sink.file)"), console.err());
        assertFalse(Files.exists(dir.resolve("data")));
    }
}
