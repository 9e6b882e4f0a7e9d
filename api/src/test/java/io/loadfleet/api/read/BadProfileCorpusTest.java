package io.loadfleet.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.InvalidProfileException;
import io.loadfleet.api.problem.Problem;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
            List<Path> all =
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
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

    /**
     * admission.properties says, for every corpus file, where a real API server stops it: at admission (the CRD's
     * schema or CEL rules, naming the field), in the operator (accepted, then Ready=False), or not at all as a
     * LoadProfile. A field refused at admission is the field the validator names, or its parent.
     */
    @Test
    void admissionTableCoversTheCorpus() throws IOException {
        Properties table = new Properties();
        try (Reader in = Files.newBufferedReader(CORPUS.resolve("admission.properties"))) {
            table.load(in);
        }
        Set<String> files =
                corpus().stream().map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                files, new TreeSet<>(table.stringPropertyNames()), "admission.properties lists each corpus file once");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String file : files) {
            String where = table.getProperty(file);
            String text = Files.readString(CORPUS.resolve(file));
            JsonNode profile;
            try {
                profile = yaml.readTree(text);
            } catch (IOException notYaml) {
                profile = null;
            }
            boolean sendable = profile != null
                    && profile.isObject()
                    && LoadProfile.API_VERSION.equals(profile.path("apiVersion").asText())
                    && LoadProfile.KIND.equals(profile.path("kind").asText())
                    && !profile.path("metadata").path("name").asText().isEmpty();
            if (where.equals("not-a-loadprofile")) {
                assertFalse(sendable, file + " is a LoadProfile kubectl apply can send");
            } else if (where.equals("operator")) {
                assertTrue(sendable, file + " is not a LoadProfile kubectl apply can send");
            } else {
                assertTrue(
                        where.startsWith("admission:") && where.length() > "admission:".length(),
                        file + ": admission:FIELD, operator or not-a-loadprofile, not " + where);
                assertTrue(sendable, file + " is not a LoadProfile kubectl apply can send");
                String field = where.substring("admission:".length());
                assertTrue(
                        expected(text).startsWith(field),
                        file + ": " + field + " is not (a parent of) the field in " + expected(text));
            }
        }
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
