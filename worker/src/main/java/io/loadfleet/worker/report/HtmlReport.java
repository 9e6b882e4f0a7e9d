package io.loadfleet.worker.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.read.ProfileLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes a run's report as one self-contained HTML file: the template's inline CSS and JavaScript
 * draw the charts from the run's data, embedded as JSON. Opening it fetches nothing.
 */
public final class HtmlReport {
    private static final String TEMPLATE = "report.html";
    private static final String DATA_PLACEHOLDER = "/*RUN_DATA*/";
    private static final ObjectMapper JSON = ProfileLoader.json();

    private HtmlReport() {}

    /** Why a report cannot be written to {@code file}, checked before a run so that the run is not lost. */
    public static Optional<String> unwritable(Path file) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            return Optional.of(file + " is a directory: give a file name, e.g. " + file.resolve("run.html"));
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.of("directory " + dir + " does not exist: create it or choose another path");
        }
        if (!Files.isWritable(dir) || Files.exists(absolute) && !Files.isWritable(absolute)) {
            return Optional.of("cannot write " + file + ": choose a path you may write to");
        }
        return Optional.empty();
    }

    /**
     * @param report the run's data, embedded as JSON: what the template draws from (the engine's
     *               {@code RunReport})
     */
    public static void write(Path file, Object report) throws IOException {
        // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the data early.
        String data = JSON.writeValueAsString(report).replace("<", "\\u003c");
        Files.writeString(file, template().replace(DATA_PLACEHOLDER, data), StandardCharsets.UTF_8);
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
