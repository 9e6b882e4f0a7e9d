package io.loadfleet.operator.coordinate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.SchemaPreflight;
import io.loadfleet.api.control.VerifierAssignment;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The operator's side of the worker control API, asynchronous so one pass asks every pod at once.
 * A pod that does not answer within {@link #TIMEOUT} is treated as not ready this pass and asked
 * again on the next.
 */
public final class WorkerClient {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The pod asks the registry, which may take its own few seconds. */
    static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Threads that parse answers; the requests themselves wait on the client's selector, not on
     * these. Idle ones end, so a quiet operator holds none.
     */
    private static final int THREADS = 4;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ThreadPoolExecutor pool = pool();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(pool).build();

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "worker-client");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Pushes an assignment; completes empty when the pod could not be reached or refused it unexpectedly. */
    public CompletableFuture<Optional<ApplyOutcome>> push(WorkerAddress pod, Assignment assignment) {
        return put(
                pod,
                "/assignment",
                assignment,
                TIMEOUT,
                r -> r.statusCode() == 200 || r.statusCode() == 409
                        ? read(r.body(), AppliedAnswer.class).map(AppliedAnswer::outcome)
                        : Optional.empty());
    }

    /**
     * Asks the pod to register the schema of a configuration about to be rolled out; completes empty
     * when the pod could not be reached or cannot check it (then the rollout goes ahead and the
     * restarted pods report what they find).
     */
    public CompletableFuture<Optional<SchemaPreflight>> preflight(WorkerAddress pod, WorkerConfig proposed) {
        return put(
                pod,
                "/schema",
                proposed,
                PREFLIGHT_TIMEOUT,
                r -> r.statusCode() == 200 ? read(r.body(), SchemaPreflight.class) : Optional.empty());
    }

    /** PUTs {@code value} as JSON; completes empty when it cannot be written or the pod not reached. */
    private <T> CompletableFuture<Optional<T>> put(
            WorkerAddress pod,
            String path,
            Object value,
            Duration timeout,
            Function<HttpResponse<String>, Optional<T>> answer) {
        String body;
        try {
            body = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        HttpRequest request = HttpRequest.newBuilder(pod.uri(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(answer)
                .exceptionally(unreachable -> Optional.empty());
    }

    /**
     * Pushes a verifier its partitions; completes with its report as of the moment the assignment took
     * effect (or, for a stale one, its report now), empty when it could not be reached.
     */
    public CompletableFuture<Optional<VerifierReport>> assign(WorkerAddress verifier, VerifierAssignment assignment) {
        return put(
                verifier,
                "/verify/assignment",
                assignment,
                TIMEOUT,
                r -> r.statusCode() == 200 || r.statusCode() == 409
                        ? read(r.body(), VerifierReport.class)
                        : Optional.empty());
    }

    /** The pod's status; completes empty when it could not be reached. */
    public CompletableFuture<Optional<WorkerStatus>> status(WorkerAddress pod) {
        return get(pod, "/status", WorkerStatus.class);
    }

    /** A verifier's report; completes empty when it could not be reached. */
    public CompletableFuture<Optional<VerifierReport>> report(WorkerAddress verifier) {
        return get(verifier, "/verify/report", VerifierReport.class);
    }

    private <T> CompletableFuture<Optional<T>> get(WorkerAddress pod, String path, Class<T> type) {
        HttpRequest request =
                HttpRequest.newBuilder(pod.uri(path)).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 ? read(r.body(), type) : Optional.<T>empty())
                .exceptionally(unreachable -> Optional.empty());
    }

    /** An answer that does not parse (a pod of another version) counts as no answer. */
    private static <T> Optional<T> read(String body, Class<T> type) {
        try {
            return Optional.ofNullable(JSON.readValue(body, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The body of {@code PUT /assignment}'s answer. */
    private record AppliedAnswer(ApplyOutcome outcome) {}

    /** Where a pod's control API listens. */
    public record WorkerAddress(String host, int port) {
        URI uri(String path) {
            return URI.create("http://" + host + ":" + port + path);
        }
    }
}
