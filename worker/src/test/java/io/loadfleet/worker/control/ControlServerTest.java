package io.loadfleet.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.control.SchemaPreflight;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.worker.engine.LatencyObserver;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.NullSink;
import io.loadfleet.worker.testing.WorkerConfigs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control API over real HTTP: what the operator and a curious human can send it. */
@Timeout(60)
class ControlServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final AtomicReference<WorkerService> worker = new AtomicReference<>();
    final AtomicReference<WorkerStatus> notReady = new AtomicReference<>(
            WorkerStatus.notReady("t", WorkerState.LOADING_INPUT, "spec.generator.dataset.url: HTTP 404"));
    static final SecretFiles NO_SECRETS = new SecretFiles(Path.of("no-secrets"));
    ControlServer server;
    LatencyObserver latency;

    @BeforeEach
    void start() throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Supplier<WorkerService> current = worker::get;
        latency = WorkerMetrics.bind(metrics, current, List.of("kafka"));
        server = new ControlServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                current,
                notReady::get,
                metrics,
                new SchemaPreflightCheck(NO_SECRETS, new GeneratorInputs(Path.of("no-config-maps"), NO_SECRETS)));
    }

    @AfterEach
    void stop() {
        server.close();
        if (worker.get() != null) {
            worker.get().close();
        }
    }

    void connect() {
        connect(Clock.SYSTEM);
    }

    void connect(Clock clock) {
        WorkerConfig config = WorkerConfigs.temperatureToKafka("t");
        worker.set(new WorkerService(config, WorkerConfigs.shape(config), new NullSink(), clock, latency));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/assignment"))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static String assignment(long epoch, long rate, long deviceStart, long deviceEnd) {
        return assignment(epoch, rate, deviceStart, deviceEnd, System.currentTimeMillis());
    }

    static String assignment(long epoch, long rate, long deviceStart, long deviceEnd, long startTimeMillis) {
        return """
                {"epoch": %d, "shard": 0, "shards": 1, "rate": %d, "deviceStart": %d, "deviceEnd": %d,
                 "stages": [], "startTimeMillis": %d, "endTimeMillis": null, "paused": false,
                 "effectiveTimeMillis": null, "count": null}
                """.formatted(epoch, rate, deviceStart, deviceEnd, startTimeMillis);
    }

    @Test
    void notReadyUntilTheInputIsLoadedAndTheSinkIsConnected() throws Exception {
        assertEquals(200, get("/healthz").statusCode());
        assertEquals(
                "not ready: loading the generator's input: spec.generator.dataset.url: HTTP 404\n",
                get("/readyz").body());
        assertEquals(
                "LOADING_INPUT",
                JSON.readTree(get("/status").body()).get("state").asText());

        notReady.set(WorkerStatus.notReady("t", WorkerState.CONNECTING, "no broker yet"));
        HttpResponse<String> readyz = get("/readyz");
        assertEquals(503, readyz.statusCode());
        assertEquals("not ready: connecting to the sink: no broker yet\n", readyz.body());
        assertEquals(503, put(assignment(1, 10, 0, 5)).statusCode());
        JsonNode connecting = JSON.readTree(get("/status").body());
        assertEquals("CONNECTING", connecting.get("state").asText());
        assertEquals("no broker yet", connecting.get("lastError").asText());
        connect();
        assertEquals(200, get("/readyz").statusCode());
        JsonNode status = JSON.readTree(get("/status").body());
        assertEquals("IDLE", status.get("state").asText());
        assertEquals("pod-test", status.get("profile").asText());
    }

    @Test
    void assignmentIsAppliedOnceAndOlderEpochsAreRefused() throws Exception {
        connect();
        HttpResponse<String> applied = put(assignment(3, 500, 0, 10));
        assertEquals(200, applied.statusCode(), applied.body());
        assertEquals("APPLIED", JSON.readTree(applied.body()).get("outcome").asText());
        JsonNode status = JSON.readTree(get("/status").body());
        assertEquals("RUNNING", status.get("state").asText());
        assertEquals(3, status.get("epoch").asLong());
        assertEquals(500.0, status.get("targetRate").asDouble(), 1e-9);
        JsonNode stream = status.get("streams").get(0);
        assertEquals(3, stream.get("epoch").asLong(), status.toString());
        assertEquals(0, stream.get("first").asLong(), "the run's acked watermark: " + stream);
        assertTrue(stream.get("failed").isArray(), stream.toString());

        HttpResponse<String> stale = put(assignment(2, 900, 0, 10));
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("older than the running epoch 3"), stale.body());
        HttpResponse<String> conflict = put(assignment(3, 900, 0, 10));
        assertEquals(409, conflict.statusCode());
        assertEquals(
                500.0, JSON.readTree(get("/status").body()).get("targetRate").asDouble(), 1e-9, "nothing changed");
    }

    @Test
    void garbageGetsA4xxAndChangesNothing() throws Exception {
        connect();
        assertEquals(200, put(assignment(1, 100, 0, 10)).statusCode());
        assertEquals(400, put("{not json").statusCode());
        assertEquals(400, put("").statusCode());
        assertEquals(400, put("{\"epoch\": \"soon\"}").statusCode());
        assertEquals(
                400,
                put(assignment(5, 100, 0, 10).replace("\"paused\"", "\"bogus\": 1, \"paused\""))
                        .statusCode());
        HttpResponse<String> invalid = put(assignment(5, -1, 10, 10));
        assertEquals(422, invalid.statusCode());
        assertTrue(invalid.body().contains("rate: -1 must be 0 or more"), invalid.body());
        assertTrue(invalid.body().contains("deviceStart/deviceEnd"), invalid.body());
        assertEquals(
                413,
                put("[" + " ".repeat(ControlServer.MAX_BODY_BYTES + 10) + "]").statusCode());
        assertEquals(
                405,
                http.send(
                                HttpRequest.newBuilder(uri("/assignment")).GET().build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        assertEquals(
                405,
                http.send(HttpRequest.newBuilder(uri("/status")).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        // 120 bodies of random bytes and of a valid assignment cut or corrupted at a random place
        java.util.Random random = new java.util.Random(42);
        String valid = assignment(9, 100, 0, 10);
        for (int i = 0; i < 120; i++) {
            byte[] body;
            if (i % 2 == 0) {
                body = new byte[random.nextInt(200)];
                random.nextBytes(body);
            } else {
                char[] chars = valid.substring(0, 1 + random.nextInt(valid.length() - 1))
                        .toCharArray();
                String noise = "{}[]\",:x-9";
                chars[random.nextInt(chars.length)] = noise.charAt(random.nextInt(noise.length()));
                body = new String(chars).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            int code = http.send(
                            HttpRequest.newBuilder(uri("/assignment"))
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            assertTrue(
                    code >= 400 && code < 500,
                    "body " + i + " got " + code + ": " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(200, get("/healthz").statusCode(), "still serving");
        JsonNode status = JSON.readTree(get("/status").body());
        assertEquals(1, status.get("epoch").asLong(), "the running assignment is untouched");
        assertEquals(100.0, status.get("targetRate").asDouble(), 1e-9);
    }

    /**
     * PUT /schema takes a worker configuration as the operator sends it (JSON, no tracing) and answers
     * what the registry said; the registry here is a port nobody listens on. (A real registry's
     * answers: SchemaEvolutionIT.)
     */
    @Test
    void aProposedConfigurationsSchemaIsCheckedWithItsRegistry() throws Exception {
        WorkerConfig config = WorkerConfigs.temperatureToKafka("t");
        HttpResponse<String> noRegistry = putSchema(new ObjectMapper().writeValueAsString(config));
        assertEquals(422, noRegistry.statusCode(), noRegistry.body());
        assertTrue(noRegistry.body().contains("no sink.kafka.schemaRegistry"), noRegistry.body());

        SchemaRegistrySpec registry = new SchemaRegistrySpec();
        String down = "http://127.0.0.1:" + io.loadfleet.childjvm.ChildJvm.freePort();
        registry.setUrl(down);
        config.sink().getKafka().setSchemaRegistry(registry);
        String json = new ObjectMapper().writeValueAsString(config);
        assertFalse(json.contains("tracing"), "the operator leaves out what is not set: " + json);
        HttpResponse<String> answer = putSchema(json);
        assertEquals(200, answer.statusCode(), answer.body());
        SchemaPreflight preflight = new ObjectMapper().readValue(answer.body(), SchemaPreflight.class);
        assertTrue(
                preflight.registryError().startsWith("schema registry at " + down + " did not answer"), answer.body());
        assertEquals(400, putSchema("{\"profile\": 1, \"nonsense\": true}").statusCode());
    }

    HttpResponse<String> putSchema(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/schema"))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pausedAssignmentIdlesAndMetricsArePrometheusText() throws Exception {
        connect();
        assertEquals(
                200,
                put(assignment(1, 100, 0, 10).replace("\"paused\": false", "\"paused\": true"))
                        .statusCode());
        JsonNode status = JSON.readTree(get("/status").body());
        assertEquals("PAUSED", status.get("state").asText());
        assertEquals(0.0, status.get("targetRate").asDouble());
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("loadfleet_records_sent_total"), metrics.body());
        assertTrue(metrics.body().contains("loadfleet_sink_records_acked_total{sink=\"kafka\"}"), metrics.body());
        assertTrue(metrics.body().contains("loadfleet_epoch 1.0"), metrics.body());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "JVM metrics too");
        assertTrue(metrics.body().contains("loadfleet_publish_latency_seconds_bucket{le="), metrics.body());
        assertTrue(metrics.body().contains("loadfleet_schedule_delay_seconds_bucket{le="), metrics.body());

        System.gc(); // Micrometer holds its sources weakly: they must survive a collection
        assertTrue(get("/metrics").body().contains("loadfleet_epoch 1.0"), "metrics survive a GC");
    }

    @Test
    void anAssignmentThatHasEndedFinishes() throws Exception {
        connect();
        long now = System.currentTimeMillis();
        String ended =
                assignment(1, 100, 0, 10).replace("\"endTimeMillis\": null", "\"endTimeMillis\": " + (now - 1000));
        assertEquals(200, put(ended).statusCode());
        long deadline = System.nanoTime() + 5_000_000_000L;
        String state = "";
        while (System.nanoTime() < deadline && !state.equals("FINISHED")) {
            state = JSON.readTree(get("/status").body()).get("state").asText();
            Thread.sleep(20);
        }
        assertEquals("FINISHED", state);
        assertEquals(0, JSON.readTree(get("/status").body()).get("sent").asLong());
    }

    @Test
    void epochsTakeEffectAtTheirEffectiveTimeEvenWhenPushedInQuickSuccession() throws Exception {
        ManualClock clock = new ManualClock();
        connect(clock);
        long now = clock.epochMillis();
        assertEquals(200, put(assignment(1, 100, 0, 10, now)).statusCode());
        assertEquals(
                200, put(effectiveAt(assignment(2, 200, 0, 10, now), now + 400)).statusCode());
        assertEquals(
                200, put(effectiveAt(assignment(3, 300, 0, 10, now), now + 800)).statusCode());
        clock.set(399);
        assertEquals(
                100.0, JSON.readTree(get("/status").body()).get("targetRate").asDouble(), "epoch 1 until +400 ms");
        clock.set(400);
        assertEquals(
                200.0, JSON.readTree(get("/status").body()).get("targetRate").asDouble(), "epoch 2 from +400 ms");
        clock.set(799);
        assertEquals(
                200.0, JSON.readTree(get("/status").body()).get("targetRate").asDouble(), "epoch 2 until +800 ms");
        clock.set(800);
        assertEquals(
                300.0, JSON.readTree(get("/status").body()).get("targetRate").asDouble(), "epoch 3 from +800 ms");
    }

    /** Time moves only when the test moves it; a waiting shard polls it, so a move releases what fell due. */
    static final class ManualClock implements Clock {
        private static final long START_MILLIS = 1_700_000_000_000L;
        private volatile long nanos;

        /** Moves time to {@code millis} after the start. */
        void set(long millis) {
            nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        }

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long epochMillis() {
            return START_MILLIS + TimeUnit.NANOSECONDS.toMillis(nanos);
        }

        @Override
        public void parkUntil(long deadline) {
            if (nanos < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    static String effectiveAt(String assignment, long millis) {
        return assignment.replace("\"effectiveTimeMillis\": null", "\"effectiveTimeMillis\": " + millis);
    }

    @Test
    void everyAckAndSendIsTimedInTheLatencyHistograms() throws Exception {
        connect();
        assertEquals(200, put(assignment(1, 1000, 0, 10)).statusCode());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (JSON.readTree(get("/status").body()).get("acked").asLong() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String body = get("/metrics").body();
        long acked = JSON.readTree(get("/status").body()).get("acked").asLong();
        double timedAcks = metric(body, "loadfleet_publish_latency_seconds_count");
        double timedSends = metric(body, "loadfleet_schedule_delay_seconds_count");
        assertTrue(timedAcks >= 200 && timedAcks <= acked, timedAcks + " acks timed of " + acked);
        assertTrue(timedSends >= timedAcks, timedSends + " sends timed");
    }

    static double metric(String prometheusText, String name) {
        String line = prometheusText
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing"));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
