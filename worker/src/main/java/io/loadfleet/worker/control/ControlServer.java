package io.loadfleet.worker.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.worker.http.ApiServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
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

    private final ApiServer server;
    private final Supplier<WorkerService> worker;
    private final Supplier<WorkerStatus> notReady;
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
        this.preflight = preflight;
        this.server = new ApiServer(address, "control-api")
                .probes(() -> worker.get() == null ? notReadyBecause() : null, metrics)
                .route("/status", "GET", this::status)
                .route("/assignment", "PUT", this::assign)
                .route("/schema", "PUT", this::preflight)
                .start();
    }

    public int port() {
        return server.port();
    }

    private String notReadyBecause() {
        WorkerStatus status = notReady.get();
        return "not ready: "
                + (status.state() == WorkerState.LOADING_INPUT
                        ? "loading the generator's input"
                        : "connecting to the sink")
                + (status.counters().lastError() == null
                        ? ""
                        : ": " + status.counters().lastError());
    }

    private void status(HttpExchange ex) throws IOException {
        WorkerService w = worker.get();
        json(ex, 200, w == null ? notReady.get() : w.status());
    }

    private void preflight(HttpExchange ex) throws IOException {
        WorkerConfig proposed =
                ApiServer.read(ex, MAX_CONFIG_BYTES, "a worker configuration", CONFIG, WorkerConfig.class);
        if (proposed == null) {
            return;
        }
        try {
            json(ex, 200, preflight.register(proposed));
        } catch (IllegalArgumentException e) {
            ApiServer.text(ex, 422, "cannot check this configuration's schema: " + e.getMessage() + "\n");
        }
    }

    private void assign(HttpExchange ex) throws IOException {
        WorkerService w = worker.get();
        if (w == null) {
            ApiServer.text(ex, 503, notReadyBecause() + "\n");
            return;
        }
        Assignment assignment = ApiServer.read(ex, MAX_BODY_BYTES, "an assignment", JSON, Assignment.class);
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
        ApiServer.json(ex, code, JSON, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
