package io.loadfleet.api.load;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed LoadProfiles (src/test/resources/bad-profiles, each file's first line
 * saying what its message must contain) is refused, each with a problem naming the field.
 */
class BadProfileCorpusTest {
    static final Path CORPUS = Path.of("src", "test", "resources", "bad-profiles");

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(all.size() >= 30, "at least 30 malformed profiles: " + all.size());
            return all;
        }
    }

    /** The substring a corpus file's problems must contain: its first line, {@code # expect: ...}. */
    public static String expected(String text) {
        String first = text.lines().findFirst().orElse("");
        assertTrue(first.startsWith("# expect: "), "first line says what to expect: " + first);
        return first.substring("# expect: ".length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedNamingTheField(Path file) throws IOException {
        String text = Files.readString(file);
        // the expectation comment is the only line of an otherwise empty file
        String yaml = text.lines().skip(1).reduce("", (a, b) -> a + b + "\n");
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> ProfileLoader.parse(yaml));
        String problems = e.problems().stream().map(Problem::toString).toList().toString();
        assertTrue(problems.contains(expected(text)), file.getFileName() + ": " + problems);
    }
}
