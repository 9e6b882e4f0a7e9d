package io.loadfleet.worker.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.VerifierAssignment;
import io.loadfleet.worker.http.ApiServer;
import io.loadfleet.worker.sink.SinkException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A verifier pod's HTTP API, driven by the operator: {@code GET /healthz}, {@code GET /readyz},
 * {@code GET /verify/report}, {@code PUT /verify/assignment} and {@code GET /metrics}. Bad requests get
 * a 4xx with a reason and change nothing.
 */
final class VerifierServer implements AutoCloseable {
    /** Room for the positions of thousands of partitions. */
    static final int MAX_ASSIGNMENT_BYTES = 1024 * 1024;

    /** A position left out is null (the partition's end now); a number left out, or null, is an error. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final ApiServer server;
    private final VerifierPod pod;

    VerifierServer(InetSocketAddress address, VerifierPod pod, PrometheusMeterRegistry metrics) throws IOException {
        this.pod = pod;
        this.server = new ApiServer(address, "verifier-api")
                .probes(pod::notReadyBecause, metrics)
                .route("/verify/report", "GET", ex -> ApiServer.json(ex, 200, JSON, pod.report()))
                .route("/verify/assignment", "PUT", this::assign)
                .start();
    }

    int port() {
        return server.port();
    }

    /**
     * 200 with the report as of the moment it took effect (or of now, for the running version again); 409
     * with the current report for an older version, or the running one with other partitions; 400 naming
     * the field; 503 while not connected, or when the broker did not answer (nothing changed then).
     */
    private void assign(HttpExchange ex) throws IOException {
        VerifierAssignment assignment =
                ApiServer.read(ex, MAX_ASSIGNMENT_BYTES, "a verifier assignment", JSON, VerifierAssignment.class);
        if (assignment == null) {
            return;
        }
        List<String> problems = assignment.problems();
        if (!problems.isEmpty()) {
            ApiServer.json(ex, 400, JSON, Map.of("problems", problems));
            return;
        }
        AssignedVerifier verifier = pod.verifier();
        if (verifier == null) {
            ApiServer.text(ex, 503, pod.notReadyBecause() + "\n");
            return;
        }
        try {
            AssignedVerifier.Applied applied = verifier.apply(assignment);
            boolean refused = applied.outcome() == ApplyOutcome.STALE || applied.outcome() == ApplyOutcome.CONFLICT;
            ApiServer.json(ex, refused ? 409 : 200, JSON, applied.report());
        } catch (IllegalArgumentException e) {
            ApiServer.json(ex, 400, JSON, Map.of("problems", List.of(e.getMessage())));
        } catch (SinkException e) {
            ApiServer.text(
                    ex, 503, "assignment version " + assignment.version() + " not applied: " + e.getMessage() + "\n");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
