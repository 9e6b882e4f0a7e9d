package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** `run` on every malformed profile of the api module's corpus: exit 2, a few lines naming the field, no stack trace. */
class BadProfileRunTest {
    static final Path CORPUS = Path.of("..", "api", "src", "test", "resources", "bad-profiles");

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void runExitsTwoWithAShortMessage(Path file) throws IOException {
        String expected =
                Files.readString(file).lines().findFirst().orElseThrow().substring("# expect: ".length());
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Loadfleet());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        assertEquals(2, cli.execute("run", file.toString(), "--sink-null", "--duration", "1s"), err.toString());
        String message = err.toString();
        assertTrue(message.contains(expected), message);
        assertTrue(message.lines().count() <= 8, "a few lines: " + message);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), "no stack trace: " + message);
    }
}
