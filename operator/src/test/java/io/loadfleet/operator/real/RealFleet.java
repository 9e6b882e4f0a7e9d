package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.spec.DevicesSpec;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.api.status.Phase;
import io.loadfleet.operator.cluster.LocalCluster;
import io.loadfleet.operator.coordinate.FleetCoordinator;
import io.loadfleet.worker.testing.Delivered;
import io.loadfleet.worker.testing.KafkaTopics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One namespace of the real control plane with the operator installed, seen as a user sees it
 * (kubectl) and as the tests must check it: each LoadProfile's status, its pods, and each pod's
 * own account from its control API.
 */
final class RealFleet {
    static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final LocalCluster cluster;
    final KubernetesClient admin;
    final String namespace;

    /** A new namespace that enforces the Pod Security Standards' "restricted" profile. */
    RealFleet(String namespace) {
        this.cluster = LocalCluster.shared();
        cluster.installOperator();
        this.admin = cluster.admin();
        this.namespace = namespace;
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                        .endMetadata()
                        .build())
                .serverSideApply();
    }

    /** A LoadProfile of a 10,000-device pool; {@code rest} holds its other spec lines, indented by two spaces. */
    static String profile(String name, long rate, int replicas, String rest) {
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: %s}
                spec:
                  targetRate: %d
                  replicas: %d
                  devices: {count: 10000}
                """.formatted(name, rate, replicas) + rest;
    }

    /** {@code kubectl apply -f -} into this namespace. */
    void apply(String yaml) {
        cluster.kubectlOk(yaml, "apply", "-n", namespace, "-f", "-");
    }

    /** {@code kubectl patch lp NAME --type=merge -p JSON}. */
    void patch(String name, String json) {
        cluster.kubectlOk(null, "patch", "lp", name, "-n", namespace, "--type=merge", "-p", json);
    }

    LoadProfileStatus status(String name) {
        LoadProfile lp = admin.resources(LoadProfile.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
        return lp == null ? null : lp.getStatus();
    }

    Phase phase(String name) {
        LoadProfileStatus status = status(name);
        return status == null ? null : status.getPhase();
    }

    Optional<Condition> condition(String name, String type) {
        LoadProfileStatus status = status(name);
        return status == null
                ? Optional.empty()
                : status.getConditions().stream()
                        .filter(c -> type.equals(c.getType()))
                        .findFirst();
    }

    /** The profile's live pods (not being deleted), by name. */
    List<Pod> pods(String name) {
        return admin.pods().inNamespace(namespace).withLabel("loadfleet.io/profile", name).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    /** What each running pod of the profile, ready or not, says of itself (GET /status of its control API). */
    List<WorkerStatus> workers(String name) {
        return pods(name).stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
                .map(RealFleet::worker)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Whether exactly {@code replicas} pods of the profile answer and every answer passes {@code test}. */
    boolean allWorkers(String name, int replicas, java.util.function.Predicate<WorkerStatus> test) {
        List<WorkerStatus> answers = workers(name);
        return answers.size() == replicas && answers.stream().allMatch(test);
    }

    /** The profile's Degraded condition while it is True. */
    Optional<Condition> degraded(String name) {
        return condition(name, Condition.DEGRADED).filter(c -> "True".equals(c.getStatus()));
    }

    static Optional<WorkerStatus> worker(Pod pod) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://" + pod.getStatus().getPodIP() + ":8080/status"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(JSON.readValue(response.body(), WorkerStatus.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits until the profile runs its target rate over its replicas, by its status. */
    void awaitRunning(String name, long rate, int replicas) {
        await(
                WAIT,
                () -> {
                    LoadProfileStatus s = status(name);
                    return s != null
                            && s.getPhase() == Phase.Running
                            && Integer.valueOf(replicas).equals(s.getReplicas())
                            && Integer.valueOf(replicas).equals(s.getReadyReplicas())
                            && Long.valueOf(rate).equals(s.getTargetRate())
                            && s.getAchievedRate() != null
                            && Math.abs(s.getAchievedRate() - rate) < rate * 0.1;
                },
                () -> describe(name));
    }

    /** Pauses the profile and waits until its pods idle and status.acked has caught up with all they sent: status.acked. */
    long pauseAndSettle(String name) {
        patch(name, "{\"spec\":{\"paused\":true}}");
        int replicas = status(name).getReplicas();
        await(
                WAIT,
                () -> phase(name) == Phase.Paused && allWorkers(name, replicas, w -> w.state() == WorkerState.PAUSED),
                () -> describe(name));
        await(
                WAIT,
                () -> {
                    List<WorkerStatus> pods = workers(name);
                    long sent =
                            pods.stream().mapToLong(s -> s.counters().sent()).sum();
                    LoadProfileStatus s = status(name);
                    return pods.size() == replicas
                            && s.getAcked() != null
                            && s.getAcked() == sent
                            && s.getSent() == sent;
                },
                () -> describe(name));
        return status(name).getAcked();
    }

    /**
     * Waits (bounded) until the pods' acks trail their sends by under 0.1 s of sending, then a whole
     * status.achievedRate window and one more poll, so a rate measured from then on is not skewed by
     * the start-up backlog.
     */
    void awaitAcksCaughtUp(String name) {
        sleep(2_000);
        await(
                WAIT,
                () -> {
                    List<WorkerStatus> pods = workers(name);
                    double rate =
                            pods.stream().mapToDouble(WorkerStatus::targetRate).sum();
                    return !pods.isEmpty()
                            && pods.stream()
                                            .mapToLong(s -> s.counters().sent()
                                                    - s.counters().acked())
                                            .sum()
                                    < Math.max(100, rate / 10);
                },
                () -> describe(name));
        sleep(FleetCoordinator.RATE_WINDOW.toMillis() + 2_100);
    }

    long ackedByPods(String name) {
        return workers(name).stream().mapToLong(s -> s.counters().acked()).sum();
    }

    /** Notes the epoch the pods now run and the replicas of its plan. */
    void recordEpochs(String name, Map<Long, Integer> replicasOfEpoch, int replicas) {
        workers(name).forEach(w -> replicasOfEpoch.put(w.epoch(), replicas));
    }

    /**
     * Deletes the profile; the real garbage collector removes what it owns, and its pods go. The
     * API server has refused the operator nothing so far (its audit log).
     */
    void deleteAndAwaitGone(String name) {
        assertEquals(
                List.of(),
                cluster.forbiddenRequests(InstallIT.OPERATOR),
                "requests of the operator the API server refused");
        cluster.kubectlOk(null, "delete", "lp", name, "-n", namespace);
        await(
                WAIT,
                () -> admin.apps()
                                        .statefulSets()
                                        .inNamespace(namespace)
                                        .withName(name)
                                        .get()
                                == null
                        && admin.configMaps()
                                        .inNamespace(namespace)
                                        .withName(name + "-worker-config")
                                        .get()
                                == null
                        && admin.services()
                                        .inNamespace(namespace)
                                        .withName(name + "-workers")
                                        .get()
                                == null
                        && admin.network()
                                        .v1()
                                        .networkPolicies()
                                        .inNamespace(namespace)
                                        .withName(name + "-workers")
                                        .get()
                                == null
                        && admin.pods()
                                .inNamespace(namespace)
                                .withLabel("loadfleet.io/profile", name)
                                .list()
                                .getItems()
                                .isEmpty(),
                () -> cluster.kubectl(null, "get", "all,cm,netpol", "-n", namespace)
                        .output());
    }

    /** Waits for the Warning Event that the profile turned Degraded for {@code reason}. */
    void awaitDegradedEvent(String name, String reason) {
        await(
                Duration.ofSeconds(30),
                () -> cluster.kubectlOk(
                                null,
                                "get",
                                "events",
                                "-n",
                                namespace,
                                "--field-selector",
                                "involvedObject.name=" + name + ",reason=Degraded,type=Warning",
                                "-o",
                                "jsonpath={.items[*].message}")
                        .contains(reason + ": "),
                () -> "no Degraded Event for " + reason + ": "
                        + cluster.kubectl(null, "get", "events", "-n", namespace)
                                .output());
    }

    String describe(String name) {
        return cluster.kubectl(null, "get", "lp,pods", "-n", namespace, "-o", "wide")
                        .output() + "\nstatus: " + status(name) + "\nworkers: " + workers(name);
    }

    /** Each record's key is a device of the range its shard had in its epoch's plan (of a 10,000-device pool). */
    static void assertKeysInTheirShardsRange(List<Delivered> records, Map<Long, Integer> replicasOfEpoch) {
        Map<Integer, FleetPlan> plans = new HashMap<>();
        for (Delivered r : records) {
            Integer replicas = replicasOfEpoch.get(r.epoch());
            assertNotNull(
                    replicas, "records of epoch " + r.epoch() + " come from a plan the test saw: " + replicasOfEpoch);
            FleetPlan plan = plans.computeIfAbsent(replicas, n -> FleetPlan.of(spec(n), n));
            ShardPlan range = plan.shards().get(r.shard());
            long device = Long.parseLong(r.key().substring(r.key().lastIndexOf('-') + 1)); // dev-7, meter-0005001
            assertTrue(
                    device >= range.deviceStart() && device < range.deviceEnd(),
                    "epoch " + r.epoch() + " shard " + r.shard() + " key " + device + " outside " + range);
        }
    }

    static List<Delivered> delivered(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> KafkaTopics.delivered(r, null)).toList();
    }

    private static LoadProfileSpec spec(int replicas) {
        var spec = new LoadProfileSpec();
        spec.setTargetRate(1L);
        spec.setReplicas(replicas);
        var devices = new DevicesSpec();
        devices.setCount(10_000L);
        spec.setDevices(devices);
        return spec;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
