package io.loadfleet.operator.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.control.SchemaPreflight;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.operator.coordinate.FleetPod;
import io.loadfleet.operator.coordinate.WorkerClient;
import io.loadfleet.operator.status.HeldBackChange;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets a generator change reach the pods only once the fleet's schema registry has taken its
 * schema. A running pod registers it (it holds the registry's credentials; the operator reads no
 * Secret): a compatible schema becomes the subject's next version and the pods roll onto it; one
 * the registry refuses leaves the fleet running on the old schema, with the registry's message in
 * the status, instead of a restarted pod that can no longer send and a stuck rollout.
 */
final class SchemaGate {
    static final String SCHEMA_REFUSED = "SchemaRefused";
    static final String SCHEMA_CHECK_FAILED = "SchemaCheckFailed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 20;

    private final WorkerClient client;
    /** Per profile uid, the configuration the registry refused and its words: not asked again until the spec changes. */
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

    private record Refusal(String proposed, String message) {}

    /** What to deploy, and why a change was held back, if it was. */
    record Verdict(WorkerConfig deploy, Optional<HeldBackChange> heldBack) {
        static Verdict admit(WorkerConfig config) {
            return new Verdict(config, Optional.empty());
        }
    }

    SchemaGate(WorkerClient client) {
        this.client = client;
    }

    /**
     * @param deployed the configuration the pods run now (the fleet's ConfigMap); null before the first
     * @param pods     the fleet's pods, of which a ready one is asked
     */
    Verdict admit(String uid, WorkerConfig desired, WorkerConfig deployed, List<FleetPod> pods) {
        if (deployed == null
                || !hasRegistry(desired)
                || json(desired.generator()).equals(json(deployed.generator()))) {
            refused.remove(uid);
            return Verdict.admit(desired);
        }
        String proposed = json(desired);
        Refusal known = refused.get(uid);
        if (known != null && known.proposed().equals(proposed)) {
            return held(deployed, SCHEMA_REFUSED, known.message());
        }
        Optional<WorkerClient.WorkerAddress> asked = pods.stream()
                .filter(p -> p.ready() && p.address() != null)
                .min(Comparator.comparingInt(FleetPod::ordinal))
                .map(FleetPod::address);
        Optional<SchemaPreflight> answer = asked.flatMap(pod -> ask(pod, desired));
        if (answer.isEmpty() || answer.get().schemaId() != null) {
            // registered, or nobody can check it: roll out, and restarted pods report what they find
            refused.remove(uid);
            return Verdict.admit(desired);
        }
        if (answer.get().refused() != null) {
            refused.put(uid, new Refusal(proposed, answer.get().refused()));
            return held(deployed, SCHEMA_REFUSED, answer.get().refused());
        }
        return held(deployed, SCHEMA_CHECK_FAILED, answer.get().registryError());
    }

    private static Verdict held(WorkerConfig deployed, String reason, String why) {
        return new Verdict(
                deployed,
                Optional.of(new HeldBackChange(
                        reason, "the generator change is not rolled out, the fleet keeps its schema: " + why)));
    }

    private Optional<SchemaPreflight> ask(WorkerClient.WorkerAddress pod, WorkerConfig desired) {
        try {
            return client.preflight(pod, desired).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean hasRegistry(WorkerConfig config) {
        return config.sink() != null
                && config.sink().getKafka() != null
                && config.sink().getKafka().getSchemaRegistry() != null;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(Objects.requireNonNull(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
