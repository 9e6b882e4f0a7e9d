package io.loadfleet.operator.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The operator's side of the worker control API. Short timeouts: a pod that does not answer is
 * treated as not ready this round and asked again on the next.
 */
public final class WorkerClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Pushes an assignment; empty when the pod could not be reached or refused it unexpectedly. */
    public Optional<ApplyOutcome> push(WorkerAddress pod, Assignment assignment) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(pod.uri("/assignment"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(assignment)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 || response.statusCode() == 409) {
                JsonNode body = JSON.readTree(response.body());
                return Optional.of(ApplyOutcome.valueOf(body.path("outcome").asText()));
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The pod's status; empty when it could not be reached. */
    public Optional<WorkerStatus> status(WorkerAddress pod) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(pod.uri("/status")).timeout(TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readValue(response.body(), WorkerStatus.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Where a pod's control API listens. */
    public record WorkerAddress(String host, int port) {
        URI uri(String path) {
            return URI.create("http://" + host + ":" + port + path);
        }
    }
}
