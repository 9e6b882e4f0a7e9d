package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} through a real broker's outage: it keeps going, says it is blocked, and loses nothing. */
@Timeout(180)
class RunThroughOutageTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunRidesOutABrokerOutageSaysSoAndLosesNothing(@TempDir Path dir) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        PrintStream savedOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Path profile = dir.resolve("outage.yaml");
            Files.writeString(profile, """
                    apiVersion: loadfleet.io/v1alpha1
                    kind: LoadProfile
                    metadata: {name: outage}
                    spec:
                      targetRate: 1000
                      replicas: 2
                      duration: 16s
                      devices: {count: 100}
                      generator: {type: smart-meter, seed: 3}
                      sink: {kafka: {topic: outage, partitions: 2}}
                    """);
            Path summary = dir.resolve("summary.json");
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread run = new Thread(() -> exit.set(Loadfleet.execute(
                    "run",
                    profile.toString(),
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--summary",
                    summary.toString())));
            run.start();
            Thread.sleep(4_000);
            kafka.stop();
            Thread.sleep(6_000);
            kafka.restart();
            run.join(120_000);
            System.setOut(savedOut);

            String progress = out.toString(StandardCharsets.UTF_8);
            JsonNode s = JSON.readTree(Files.readString(summary));
            System.out.println(progress.lines()
                    .filter(l -> l.contains("blocked"))
                    .findFirst()
                    .orElse("no blocked line"));
            assertEquals(0, exit.get(), progress);
            assertTrue(
                    progress.contains("sends blocked"), "the progress line says the sends are blocked:\n" + progress);
            assertEquals(16_000, s.get("sent").asLong(), "the whole schedule was sent, late where it had to be");
            assertEquals(s.get("sent").asLong(), s.get("acked").asLong());
            assertEquals(0, s.get("errors").asLong());

            Path verified = dir.resolve("verify.json");
            assertEquals(
                    0,
                    Loadfleet.execute(
                            "verify",
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--topic",
                            "outage",
                            "--format",
                            "json",
                            "--idle",
                            "3s",
                            "--summary",
                            verified.toString()));
            JsonNode v = JSON.readTree(Files.readString(verified));
            assertEquals(16_000, v.get("records").asLong());
            assertEquals(0, v.get("duplicates").asLong());
        } finally {
            System.setOut(savedOut);
            kafka.close();
        }
    }
}
