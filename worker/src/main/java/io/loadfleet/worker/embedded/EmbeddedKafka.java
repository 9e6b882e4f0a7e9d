package io.loadfleet.worker.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft, combined broker and controller) in this JVM, on loopback, with its
 * data in a temporary directory that {@link #close()} deletes. Used by {@code run} when no
 * bootstrap servers are given, and by the tests: both run this same broker.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Properties config;
    private final String bootstrapServers;
    private final Map<String, String> listenerAddresses;
    private KafkaRaftServer server;

    private EmbeddedKafka(
            Path dataDir, Properties config, String bootstrapServers, Map<String, String> listenerAddresses) {
        this.dataDir = dataDir;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.listenerAddresses = listenerAddresses;
    }

    /** Starts a node on a free loopback port. */
    public static EmbeddedKafka start() {
        return start(0);
    }

    /**
     * Formats storage, starts the node with its client listener on {@code port} (0: any free
     * port) and waits until it accepts clients.
     */
    public static EmbeddedKafka start(int port) {
        return start(port, Map.of(), Map.of());
    }

    /**
     * A node with listeners beside its PLAINTEXT one, for clients that use TLS or SASL.
     *
     * @param extraListeners listener name → security protocol (e.g. SASL_SSL), each on a free loopback port
     * @param extraConfig    broker settings those listeners need (e.g. listener.name.NAME.ssl.keystore.location)
     */
    public static EmbeddedKafka start(int port, Map<String, String> extraListeners, Map<String, String> extraConfig) {
        Path dir;
        try {
            dir = Files.createTempDirectory("loadfleet-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the embedded broker", e);
        }
        try {
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties props = config(dir, brokerPort, controllerPort);
            Map<String, String> addresses = new LinkedHashMap<>();
            extraListeners.forEach((name, protocol) -> {
                String address = "127.0.0.1:" + freePort();
                addresses.put(name, address);
                props.put("listeners", props.get("listeners") + "," + name + "://" + address);
                props.put("advertised.listeners", props.get("advertised.listeners") + "," + name + "://" + address);
                props.put(
                        "listener.security.protocol.map",
                        props.get("listener.security.protocol.map") + "," + name + ":" + protocol);
            });
            props.putAll(extraConfig);
            format(dir, props);
            EmbeddedKafka kafka = new EmbeddedKafka(dir, props, "127.0.0.1:" + brokerPort, addresses);
            kafka.startNode();
            return kafka;
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** host:port of one of the extra listeners given to {@link #start(int, Map, Map)}. */
    public String bootstrapServers(String listener) {
        String address = listenerAddresses.get(listener);
        if (address == null) {
            throw new IllegalArgumentException("no listener " + listener + ": " + listenerAddresses.keySet());
        }
        return address;
    }

    private static Properties config(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        // One node: every internal topic must make do with one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        return p;
    }

    private static void format(Path dir, Properties props) {
        Path configFile = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(configFile)) {
            props.store(out, "loadfleet embedded broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var log = new java.io.ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()
                },
                new PrintStream(log, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded broker's storage failed: " + log);
        }
    }

    private synchronized void startNode() {
        server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        awaitReady();
    }

    /** Stops the node as an outage would, keeping its data, ports and cluster id for {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the stopped node again on the same port with the data it had. */
    public void restart() {
        startNode();
    }

    private void awaitReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the embedded broker did not become ready within " + READY_TIMEOUT, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the node and deletes its data. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory left behind is harmless
        }
    }
}
