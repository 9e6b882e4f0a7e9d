package io.loadfleet.operator.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What users see, captured from the real control plane for the README (operator/target/captures). */
final class Captures {
    static final Path DIR = Path.of("target", "captures");

    private Captures() {}

    static void write(String name, String text) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
