package io.loadfleet.worker.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The worker's HTTP control API, driven by the operator: health, readiness, status, assignment
 * and Prometheus metrics. Bad requests get a 4xx with a reason and change nothing.
 */
public final class ControlServer implements AutoCloseable {
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A proposed configuration carries its inline Avro schema. */
    static final int MAX_CONFIG_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    /** A worker configuration leaves out what it does not use (tracing), as the mounted worker.yaml does. */
    private static final ObjectMapper CONFIG = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<WorkerService> worker;
    private final Supplier<WorkerStatus> notReady;
    private final PrometheusMeterRegistry metrics;
    private final SchemaPreflightCheck preflight;

    /**
     * @param worker    the worker once its sink is connected; null until then (not ready)
     * @param notReady  the status to report until then, saying what the pod waits for and why
     * @param preflight registers a proposed configuration's schema ({@code PUT /schema})
     */
    ControlServer(
            InetSocketAddress address,
            Supplier<WorkerService> worker,
            Supplier<WorkerStatus> notReady,
            PrometheusMeterRegistry metrics,
            SchemaPreflightCheck preflight)
            throws IOException {
        this.worker = worker;
        this.notReady = notReady;
        this.metrics = metrics;
        this.preflight = preflight;
        this.server = HttpServer.create(address, 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "control-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", ex -> handle(ex, "GET", () -> text(ex, 200, "ok\n")));
        server.createContext(
                "/readyz",
                ex -> handle(ex, "GET", () -> {
                    if (worker.get() == null) {
                        text(ex, 503, notReadyBecause());
                    } else {
                        text(ex, 200, "ready\n");
                    }
                }));
        server.createContext("/status", ex -> handle(ex, "GET", () -> status(ex)));
        server.createContext("/assignment", ex -> handle(ex, "PUT", () -> assign(ex)));
        server.createContext("/schema", ex -> handle(ex, "PUT", () -> preflight(ex)));
        server.createContext(
                "/metrics",
                ex -> handle(
                        ex, "GET", () -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface Handler {
        void run() throws IOException;
    }

    private static void handle(HttpExchange ex, String method, Handler handler) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals(method)) {
                ex.getResponseHeaders().add("Allow", method);
                text(ex, 405, ex.getRequestURI().getPath() + " takes " + method + "\n");
                return;
            }
            handler.run();
        } catch (RuntimeException e) {
            text(ex, 500, "internal error: " + e + "\n");
        }
    }

    private String notReadyBecause() {
        WorkerStatus status = notReady.get();
        return "not ready: "
                + (status.state() == WorkerState.LOADING_INPUT
                        ? "loading the generator's input"
                        : "connecting to the sink")
                + (status.counters().lastError() == null
                        ? ""
                        : ": " + status.counters().lastError()) + "\n";
    }

    private void status(HttpExchange ex) throws IOException {
        WorkerService w = worker.get();
        json(ex, 200, w == null ? notReady.get() : w.status());
    }

    /**
     * The request's body read as {@code type}, or null after answering why not: 413 above {@code max}
     * bytes, 400 when it is not {@code what} (malformed, or empty).
     */
    private static <T> T read(HttpExchange ex, int max, String what, ObjectMapper mapper, Class<T> type)
            throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(max + 1);
        }
        if (body.length > max) {
            text(ex, 413, what + " is at most " + max + " bytes\n");
            return null;
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            text(ex, 400, "not " + what + ": " + e.getOriginalMessage() + "\n");
            return null;
        }
        if (value == null) {
            text(ex, 400, "not " + what + ": empty body\n");
        }
        return value;
    }

    private void preflight(HttpExchange ex) throws IOException {
        WorkerConfig proposed = read(ex, MAX_CONFIG_BYTES, "a worker configuration", CONFIG, WorkerConfig.class);
        if (proposed == null) {
            return;
        }
        try {
            json(ex, 200, preflight.register(proposed));
        } catch (IllegalArgumentException e) {
            text(ex, 422, "cannot check this configuration's schema: " + e.getMessage() + "\n");
        }
    }

    private void assign(HttpExchange ex) throws IOException {
        WorkerService w = worker.get();
        if (w == null) {
            text(ex, 503, notReadyBecause());
            return;
        }
        Assignment assignment = read(ex, MAX_BODY_BYTES, "an assignment", JSON, Assignment.class);
        if (assignment == null) {
            return;
        }
        List<String> problems = assignment.problems();
        if (!problems.isEmpty()) {
            json(ex, 422, Map.of("problems", problems));
            return;
        }
        ApplyOutcome outcome = w.apply(assignment);
        switch (outcome) {
            case APPLIED, UNCHANGED -> json(ex, 200, Map.of("outcome", outcome, "status", w.status()));
            case STALE ->
                json(
                        ex,
                        409,
                        Map.of(
                                "outcome",
                                outcome,
                                "message",
                                "epoch " + assignment.epoch() + " is older than the running epoch "
                                        + w.status().epoch()));
            case CONFLICT ->
                json(
                        ex,
                        409,
                        Map.of(
                                "outcome",
                                outcome,
                                "message",
                                "epoch " + assignment.epoch()
                                        + " is already running with a different assignment; a change needs a new epoch"));
        }
    }

    private static void json(HttpExchange ex, int code, Object body) throws IOException {
        send(ex, code, "application/json", JSON.writeValueAsString(body));
    }

    private static void text(HttpExchange ex, int code, String body) throws IOException {
        send(ex, code, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange ex, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
