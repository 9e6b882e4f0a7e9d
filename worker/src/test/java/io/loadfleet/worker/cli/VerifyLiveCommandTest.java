package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.worker.testing.ConsoleCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --live} refuses bad arguments before it serves anything: exit 2 and one line saying why. */
@Timeout(60)
class VerifyLiveCommandTest {
    @TempDir
    Path dir;

    /** Runs {@code args}, which must end with exit code 2 and one line on stderr; returns that line. */
    static String refused(String... args) {
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(2, Loadfleet.execute(args), console.err());
            List<String> lines = console.err().lines().toList();
            assertEquals(1, lines.size(), console.err());
            return lines.get(0);
        }
    }

    Path config(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void badArgumentsEndWithOneLineAndExitTwo() throws Exception {
        String kafka = config("kafka.yaml", """
                profile: p
                generator: {type: temperature}
                format: json
                sink: {kafka: {bootstrapServers: "127.0.0.1:1", topic: t}}
                """).toString();

        assertTrue(
                refused("verify", "--live", "--config", kafka, "--topic", "t").startsWith("--topic: not with --live"));
        assertTrue(refused("verify", "--subscription", "s", "--topic", "t", "--bootstrap-servers", "k:9092")
                .startsWith("--subscription: only with --live"));
        assertTrue(refused("verify", "--port", "9000", "--topic", "t", "--bootstrap-servers", "k:9092")
                .startsWith("--port: only with --live"));
        assertTrue(refused(
                        "verify",
                        "--live",
                        "--config",
                        dir.resolve("missing.yaml").toString())
                .contains("missing.yaml: not a readable worker configuration"));
        assertTrue(refused("verify", "--live", "--config", kafka, "--port", "70000")
                .startsWith("--port: 70000 is not a port"));
        assertTrue(refused("verify", "--live", "--config", kafka, "--subscription", "a name")
                .startsWith("--subscription: \"a name\" is not a name"));
        assertTrue(refused("verify", "--live", "--config", kafka, "--service-url", "pulsar://p:6650")
                .startsWith("--service-url: this profile sends to sink.kafka"));

        String files = config("files.yaml", """
                profile: p
                generator: {type: temperature}
                format: json
                sink: {file: {path: out, format: csv}}
                """).toString();
        assertTrue(refused("verify", "--live", "--config", files).contains("this sink is sink.file"));
        String noBroker = config("nobroker.yaml", """
                profile: p
                generator: {type: temperature}
                format: json
                sink: {pulsar: {topic: t}}
                """).toString();
        assertTrue(refused("verify", "--live", "--config", noBroker).contains("no Pulsar service URL"));
    }
}
