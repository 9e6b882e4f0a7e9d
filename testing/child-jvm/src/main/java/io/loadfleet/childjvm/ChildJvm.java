package io.loadfleet.childjvm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The plumbing of servers the tests start in JVMs of their own (Pulsar, an S3-compatible store):
 * their classpath, recorded at build time in a resource beside the launcher; free loopback ports;
 * waiting until they answer; stopping them; deleting their data; the tail of their log for error
 * messages; and, inside the child, its exit with the JVM that started it.
 */
public final class ChildJvm {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private ChildJvm() {}

    /** {@code java -cp LAUNCHER:CLASSPATH}, with the launcher's own classes first (its guard main class). */
    public static List<String> javaWithClasspath(Class<?> launcher, String classpathResource) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", location(launcher) + File.pathSeparator + classpath(launcher, classpathResource));
    }

    /**
     * Called first by a child's main class: halts the child when the JVM that started it exits, so a
     * test run that is killed (or forgets to stop it) never leaves a server behind.
     */
    public static void haltWithParent() {
        ProcessHandle.current()
                .parent()
                .ifPresent(parent ->
                        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the process and its children: politely, then forcibly. */
    public static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a temporary directory, best effort. */
    public static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }

    /** The last 40 lines of a log, for an error message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Polls {@code request} until {@code ready} accepts an answer, failing with the log's tail when the
     * process exits first or {@code timeout} passes.
     */
    public static void awaitHttp(
            Process process,
            Path log,
            String what,
            Duration timeout,
            HttpRequest request,
            Predicate<HttpResponse<String>> ready) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(what + " exited with " + process.exitValue() + ":\n" + tail(log));
                }
                try {
                    if (ready.test(http.send(request, HttpResponse.BodyHandlers.ofString()))) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the port is not open yet
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
        throw new IllegalStateException(what + " not ready within " + timeout.toSeconds() + "s:\n" + tail(log));
    }

    private static String classpath(Class<?> launcher, String resource) throws IOException {
        try (InputStream in = launcher.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        resource + " is missing: build " + launcher.getSimpleName() + "'s module with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    /** Where a class was loaded from: a jar, or target/classes in a reactor build. */
    public static String location(Class<?> launcher) {
        try {
            return Path.of(launcher.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
