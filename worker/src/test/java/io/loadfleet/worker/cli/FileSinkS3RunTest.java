package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.s3.S3Server;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.StoredObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * `loadfleet run` with sink.file.s3, as a user calls it, against a real S3-compatible server: the summary's
 * acked records are the records in the uploaded objects, each as the generator made it.
 */
@Timeout(120)
class FileSinkS3RunTest {
    static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: lake-files}
            spec:
              targetRate: 3000
              replicas: 2
              devices: {count: 40}
              generator: {type: transaction, seed: 11}
              duration: 2s
              sink:
                file:
                  path: PATH
                  format: FORMAT
                  s3: {endpoint: "ENDPOINT", bucket: lake, prefix: runs/FORMAT, secretRef: {name: s3-creds}}
            """;

    static S3Server server;
    static S3Client store;

    @TempDir
    Path dir;

    ConsoleCapture console;

    @BeforeAll
    static void startServer() {
        server = S3Server.start("loadfleet", "correct-horse");
        store = StoredObjects.client(server.endpoint(), "loadfleet", "correct-horse");
        store.createBucket(b -> b.bucket("lake"));
    }

    @AfterAll
    static void stopServer() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void capture() {
        console = new ConsoleCapture();
    }

    @AfterEach
    void restore() {
        console.close();
    }

    Path profile(FileFormat format) throws Exception {
        Path secrets = dir.resolve("secrets/s3-creds");
        Files.createDirectories(secrets);
        Files.writeString(secrets.resolve("accessKeyId"), "loadfleet\n");
        Files.writeString(secrets.resolve("secretAccessKey"), "correct-horse\n");
        return Files.writeString(
                dir.resolve("profile.yaml"),
                PROFILE.replace("PATH", dir.resolve("staging").toString())
                        .replace("FORMAT", format.extension())
                        .replace("ENDPOINT", server.endpoint().toString()));
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void theSummarysAckedRecordsAreTheRecordsInTheObjects(FileFormat format) throws Exception {
        Path summary = dir.resolve("summary.json");
        int rc = Loadfleet.execute(
                "run",
                profile(format).toString(),
                "--secrets-dir",
                dir.resolve("secrets").toString(),
                "--summary",
                summary.toString());
        assertEquals(0, rc, console.err());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(s.get("sent").asLong(), s.get("acked").asLong(), s::toString);
        assertEquals(0, s.get("errors").asLong());
        String prefix = "runs/" + format.extension() + "/profile=lake-files/";
        long rows = 0;
        for (JsonNode shard : s.get("shards")) {
            int index = shard.get("index").asInt();
            List<List<Object>> stored =
                    StoredObjects.shard(store, "lake", prefix, index, format, FileSinkRunTest.SCHEMA, dir);
            assertEquals(shard.get("acked").asLong(), stored.size(), "shard " + index);
            FileSinkRunTest.assertRegenerates(
                    index,
                    shard.get("deviceStart").asLong(),
                    shard.get("deviceEnd").asLong(),
                    stored);
            rows += stored.size();
        }
        assertTrue(rows >= 5000, "about 6000 records in 2 s: " + rows);
        try (Stream<Path> staged = Files.list(dir.resolve("staging"))) {
            assertEquals(List.of(), staged.toList(), "uploaded files are deleted");
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d rows in %d objects%n",
                format,
                rows,
                StoredObjects.list(store, "lake", prefix).size());
    }

    @Test
    void aMissingBucketStopsTheRunBeforeItStarts() throws Exception {
        Path profile = Files.writeString(
                profile(FileFormat.CSV),
                Files.readString(profile(FileFormat.CSV)).replace("bucket: lake", "bucket: gone"));
        int rc = Loadfleet.execute(
                "run",
                profile.toString(),
                "--secrets-dir",
                dir.resolve("secrets").toString());
        assertEquals(1, rc);
        assertTrue(
                console.err()
                        .contains("spec.sink.file.s3.bucket: s3://gone at " + server.endpoint()
                                + " does not exist: create it, or name one that does"),
                console.err());
        assertFalse(console.err().contains("\tat "), "no stack trace: " + console.err());
    }
}
