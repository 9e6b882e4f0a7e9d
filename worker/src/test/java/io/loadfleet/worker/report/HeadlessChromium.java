package io.loadfleet.worker.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, loading one local file with a fresh profile and nothing reaching
 * the network; scripts/ensure-chromium.sh installs it before the worker's tests.
 */
final class HeadlessChromium {
    private static final String BINARY = "/usr/bin/chromium";
    private static final long TIMEOUT_SECONDS = 60;

    private HeadlessChromium() {}

    /** The page's DOM once its scripts have run (up to 5 s of virtual time). */
    static String dumpDom(Path html) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("chromium-");
        Path dom = dir.resolve("dom.html");
        Path log = dir.resolve("chromium.log");
        Process chromium = new ProcessBuilder(
                        BINARY,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        html.toUri().toString())
                .redirectOutput(dom.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(
                        "chromium did not finish within " + TIMEOUT_SECONDS + " s; its log:\n" + tail(log));
            }
            if (chromium.exitValue() != 0) {
                throw new AssertionError("chromium exited " + chromium.exitValue() + "; its log:\n" + tail(log));
            }
            return Files.readString(dom);
        } finally {
            // Renderer and zygote processes are children of the browser: end them too when it hangs.
            List<ProcessHandle> children = chromium.descendants().toList();
            chromium.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            chromium.waitFor(10, TimeUnit.SECONDS);
            delete(dir);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
