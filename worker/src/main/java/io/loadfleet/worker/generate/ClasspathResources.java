package io.loadfleet.worker.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the schemas and reference data shipped in the worker jar. */
final class ClasspathResources {

    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ClasspathResources() {}

    static String text(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }

    /** Binds a JSON resource (snake_case keys) to {@code type}; unknown keys fail, so typos surface. */
    static <T> T json(String path, Class<T> type) {
        try (InputStream in = open(path)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = ClasspathResources.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("resource missing from the worker jar: " + path);
        }
        return in;
    }
}
