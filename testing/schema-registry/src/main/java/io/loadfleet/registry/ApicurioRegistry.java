package io.loadfleet.registry;

import io.loadfleet.childjvm.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Apicurio Registry for tests, in its own JVM, on 127.0.0.1 only (its HTTP port and its
 * management port, both free ones), storing in H2 in memory: every start is an empty registry, and
 * nothing is written outside the process but its log, in a fresh temporary directory that
 * {@link #close()} deletes.
 *
 * <p><b>Which registry.</b> 3.3.3 needs Java 21 or later, which the machine's default (17) is not. It
 * runs on the Java the system property {@code loadfleet.apicurio.java} names (a java executable or a
 * Java home; its release then decides the registry), else on this JVM's if that is 21+, else on the
 * newest 21+ among {@code JAVA_HOME}, {@code JAVA_HOME_*}, {@code /usr/lib/jvm/*} and
 * {@code /Library/Java/JavaVirtualMachines/*}. With none, 3.0.9 runs on this JVM's Java. Both serve the
 * same APIs for what the tests use: the Confluent-compatible one ({@link #ccompatUrl()}) and Apicurio's
 * native v2 ({@link #nativeV2Url()}). The ids the Confluent-compatible API hands out are content ids
 * (the same schema under two subjects gets one id), not global ids: a serde reading them through the
 * native API must look them up as content ids.
 *
 * <p><b>Where it comes from.</b> The bundle is a 151 MiB tar.gz on Maven Central
 * ({@code io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all}) that this module's build resolves like
 * any dependency and records the path of (bundle.properties); a cold CI run downloads it once with the
 * rest of ~/.m2. The first start on a machine extracts it (1.5 s, 168 MiB) into
 * {@code java.io.tmpdir/loadfleet-apicurio-VERSION}, completely or not at all, and later starts, from any
 * module or JVM, reuse that. The 3.0.9 fallback is not resolved by the build: Maven cannot (its parent
 * POM is missing on Central), and most machines would never use its 104 MiB; it is downloaded from
 * Central the first time a machine without Java 21+ needs it, checked against the SHA-256 the build
 * pinned, and extracted like the other.
 *
 * <p><b>Its end.</b> {@link #stop()} and {@link #close()} stop it; so does the end of the JVM that started
 * it, however it ends: the registry's JVM starts through {@link RegistryGuard}, which halts it within
 * seconds of its parent's exit, as pulsar-standalone's and s3-server's do (a killed test JVM leaves the
 * temporary directory behind, as theirs do). Starting takes about 3.5 s on two cores.
 */
public final class ApicurioRegistry implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path home;
    private final int port;
    private final String version;

    private ApicurioRegistry(Process process, Path home, int port, String version) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.version = version;
    }

    /**
     * Starts a registry (3.3.3 where a Java 21+ exists, else 3.0.9) and returns once its
     * Confluent-compatible API answers; fails with the tail of its log if it exits or is not ready
     * within 90 s.
     */
    public static ApicurioRegistry start() throws IOException {
        Jdks.Jdk java = Jdks.forRegistry();
        ApicurioBundle bundle = java.feature() >= ApicurioBundle.MIN_JAVA_PRIMARY
                ? ApicurioBundle.primary()
                : ApicurioBundle.fallback();
        Path app = bundle.extracted();
        Path home = null;
        Process process = null;
        try {
            home = Files.createTempDirectory("loadfleet-registry-");
            int port = ChildJvm.freePort();
            int managementPort = ChildJvm.freePort();
            Path log = home.resolve("registry.log");
            process = new ProcessBuilder(command(java, app, port, managementPort))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ApicurioRegistry registry = new ApicurioRegistry(process, home, port, bundle.version());
            registry.awaitReady(log, java);
            return registry;
        } catch (IOException | RuntimeException e) {
            ChildJvm.stop(process);
            ChildJvm.delete(home);
            throw e;
        }
    }

    /** Runs a registry until this JVM is stopped: for trying things by hand. */
    public static void main(String[] args) throws IOException, InterruptedException {
        ApicurioRegistry registry = start();
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "apicurio-registry-stop"));
        System.out.println("Apicurio Registry " + registry.version() + " ready: " + registry.ccompatUrl() + " and "
                + registry.nativeV2Url() + " (Ctrl-C stops it)");
        Thread.currentThread().join();
    }

    /**
     * One call of the Confluent-compatible API, e.g. {@code ccompat("PUT", "/config/t-value",
     * "{\"compatibility\":\"BACKWARD\"}")}; {@code body} null for none.
     *
     * @return the answer's body
     * @throws IllegalStateException when the registry answers anything but 200
     */
    public String ccompat(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ccompatUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    method + " " + path + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    /** {@code http://127.0.0.1:PORT/apis/ccompat/v7}: the Confluent Schema Registry API, no trailing slash. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** {@code http://127.0.0.1:PORT/apis/registry/v2}: Apicurio's native v2 API, which 2.x serdes use. */
    public String nativeV2Url() {
        return baseUrl() + "/apis/registry/v2";
    }

    /** {@code http://127.0.0.1:PORT}: e.g. the upstream of a {@link BasicAuthFront}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The registry's version: "3.3.3", or "3.0.9" where no Java 21+ was found. */
    public String version() {
        return version;
    }

    /** Stops the registry (its port then refuses connections), keeping its log; does nothing once stopped. */
    public void stop() {
        ChildJvm.stop(process);
    }

    /** Stops the registry and deletes its temporary directory. */
    @Override
    public void close() {
        stop();
        ChildJvm.delete(home);
    }

    /** The registry's temporary directory (its log): gone after {@link #close()}. */
    Path home() {
        return home;
    }

    /** The registry's JVM. */
    ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * {@code java -cp GUARD:CHILD_JVM:RUNNER RegistryGuard RUNNER_MAIN}: the bundle's runner jar (its
     * manifest's Class-Path brings the rest) started by its own main class, behind the guard.
     */
    private static List<String> command(Jdks.Jdk java, Path app, int port, int managementPort) throws IOException {
        Path runner = ApicurioBundle.runnerJar(app);
        return List.of(
                java.executable().toString(),
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", // starts faster; a test registry serves few requests
                "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // health and metrics: 0.0.0.0:9000 unless told otherwise, and they cannot be turned off
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-cp",
                String.join(
                        File.pathSeparator,
                        ChildJvm.location(RegistryGuard.class),
                        ChildJvm.location(ChildJvm.class),
                        runner.toString()),
                RegistryGuard.class.getName(),
                ApicurioBundle.mainClass(runner));
    }

    private void awaitReady(Path log, Jdks.Jdk java) {
        ChildJvm.awaitHttp(
                process,
                log,
                "Apicurio Registry " + version + " (on " + java + ")",
                START_TIMEOUT,
                HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                response -> response.statusCode() == 200);
    }
}
