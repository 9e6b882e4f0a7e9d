package io.loadfleet.pulsar;

import io.loadfleet.childjvm.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Pulsar standalone broker (broker + bookie, RocksDB metadata) in its own JVM, bound to
 * 127.0.0.1 only, with its data in a fresh temporary directory that {@link #close()} deletes.
 * A separate JVM keeps the broker's ~300 jars off the caller's classpath, and lets it halt its
 * own JVM on a fatal error without taking the tests down.
 */
public final class PulsarStandalone implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "broker.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path home;
    private final int brokerPort;
    private final int webPort;
    private final String adminToken;

    private PulsarStandalone(Process process, Path home, int brokerPort, int webPort, String adminToken) {
        this.process = process;
        this.home = home;
        this.brokerPort = brokerPort;
        this.webPort = webPort;
        this.adminToken = adminToken;
    }

    /** Starts a broker and returns once public/default exists (seconds: a broker and a bookie start). */
    public static PulsarStandalone start() {
        return start(Map.of(), null);
    }

    /**
     * Starts a broker with settings added to (or replacing) the defaults, e.g. for authentication
     * ({@link PulsarTokenAuth#brokerConfig()}) or TLS.
     *
     * @param adminToken the token the readiness check sends when the settings turn authentication on; else null
     */
    public static PulsarStandalone start(Map<String, String> extraConfig, String adminToken) {
        Path home = null;
        Process process = null;
        try {
            home = Files.createTempDirectory("loadfleet-pulsar-");
            int brokerPort = ChildJvm.freePort();
            int webPort = ChildJvm.freePort();
            Map<String, String> config = config(brokerPort, webPort);
            config.putAll(extraConfig);
            StringBuilder text = new StringBuilder();
            config.forEach(
                    (key, value) -> text.append(key).append('=').append(value).append('\n'));
            Files.writeString(home.resolve("standalone.conf"), text);
            Path log = home.resolve("standalone.log");
            process = new ProcessBuilder(command(home))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PulsarStandalone broker = new PulsarStandalone(process, home, brokerPort, webPort, adminToken);
            broker.awaitReady(log);
            return broker;
        } catch (IOException | RuntimeException e) {
            ChildJvm.stop(process);
            ChildJvm.delete(home);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Runs a broker until this JVM is stopped: for benchmarks and trying things by hand. */
    public static void main(String[] args) throws InterruptedException {
        PulsarStandalone broker = start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "pulsar-standalone-stop"));
        System.out.println("Pulsar standalone ready: service URL " + broker.serviceUrl() + ", admin URL "
                + broker.adminUrl() + ", broker pid " + broker.pid() + " (Ctrl-C stops it and deletes its data)");
        Thread.currentThread().join();
    }

    /** {@code pulsar://127.0.0.1:PORT}, for producers and consumers. */
    public String serviceUrl() {
        return "pulsar://127.0.0.1:" + brokerPort;
    }

    /** {@code http://127.0.0.1:PORT}, for the admin API. */
    public String adminUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    /** The broker JVM's process id, for measuring it. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        ChildJvm.stop(process);
        ChildJvm.delete(home);
    }

    private static List<String> command(Path home) throws IOException {
        List<String> command = new ArrayList<>(ChildJvm.javaWithClasspath(PulsarStandalone.class, CLASSPATH_RESOURCE));
        command.addAll(
                1,
                List.of(
                        "-Xms64m",
                        "-Xmx512m",
                        "-XX:MaxDirectMemorySize=256m",
                        "-XX:+UseSerialGC",
                        "-Djava.net.preferIPv4Stack=true"));
        command.addAll(List.of(
                OrphanGuard.class.getName(),
                "--config",
                "standalone.conf",
                "-nss",
                "-nfw", // no stream storage, no functions worker
                "--metadata-dir",
                home.resolve("data/metadata").toString(),
                "--bookkeeper-dir",
                home.resolve("data/bookkeeper").toString()));
        return command;
    }

    /** Single node, loopback only, nothing optional: the broker a test needs and no more. */
    private static Map<String, String> config(int brokerPort, int webPort) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("clusterName", "standalone");
        c.put("bindAddress", "127.0.0.1");
        c.put("advertisedAddress", "127.0.0.1");
        c.put("brokerServicePort", Integer.toString(brokerPort));
        c.put("webServicePort", Integer.toString(webPort));
        c.put("managedLedgerDefaultEnsembleSize", "1");
        c.put("managedLedgerDefaultWriteQuorum", "1");
        c.put("managedLedgerDefaultAckQuorum", "1");
        c.put("functionsWorkerEnabled", "false");
        c.put("transactionCoordinatorEnabled", "false");
        c.put("systemTopicEnabled", "true");
        c.put("topicLevelPoliciesEnabled", "true");
        c.put("allowAutoTopicCreation", "true");
        c.put("allowAutoTopicCreationType", "non-partitioned");
        c.put("brokerDeleteInactiveTopicsEnabled", "false");
        // the bookie reads this file too: keep it on loopback
        c.put("listeningInterface", "lo");
        c.put("allowLoopback", "true");
        return c;
    }

    /** Ready once the standalone has made public/default; the admin API answers before that. */
    private void awaitReady(Path log) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(adminUrl() + "/admin/v2/namespaces/public"))
                .timeout(Duration.ofSeconds(5));
        if (adminToken != null) {
            builder.header("Authorization", "Bearer " + adminToken);
        }
        ChildJvm.awaitHttp(
                process,
                log,
                "Pulsar standalone",
                START_TIMEOUT,
                builder.build(),
                response -> response.statusCode() == 200 && response.body().contains("public/default"));
    }
}
