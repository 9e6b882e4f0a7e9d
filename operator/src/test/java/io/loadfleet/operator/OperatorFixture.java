package io.loadfleet.operator;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.operator.config.OperatorSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** The shipped operator, started on a client of fabric8's mock API server with the committed CRD. */
public final class OperatorFixture implements AutoCloseable {
    /** A valid profile of three pods; the mock API server runs none of them. */
    public static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: grid, namespace: test}
            spec:
              targetRate: 30000
              replicas: 3
              devices: {count: 17000}
              generator: {type: smart-meter, seed: 42}
              format: avro
              sink: {kafka: {bootstrapServers: "kafka:9092", topic: smart-grid-data, partitions: 6}}
              worker:
                jvmOptions: ["-Xmx256m"]
                nodeSelector: {pool: load}
            """;

    public final KubernetesClient client;
    public final Operator operator;
    private final KubernetesClient operatorClient;
    public final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public OperatorFixture(KubernetesClient client, int controlPort) throws Exception {
        this.client = client;
        try (InputStream crd = Files.newInputStream(Path.of("..", "crds", "loadprofiles.loadfleet.io-v1.yml"))) {
            // The mock serves the status subresource only for CRDs it knows.
            client.resource(Serialization.unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        }
        // a client of its own, closed with the operator while the test's stays open
        operatorClient = new KubernetesClientBuilder()
                .withConfig(client.getConfiguration())
                .build();
        operator = OperatorMain.createForMockServer(
                operatorClient,
                new OperatorSettings(
                        "loadfleet/worker:test",
                        List.of(),
                        controlPort,
                        0,
                        false,
                        null,
                        "loadfleet-system",
                        "text",
                        "0.0.0.0"),
                metrics);
        operator.start();
    }

    /** Like kubectl apply: creates the profile, or replaces its spec, retrying when the operator's status write races it. */
    public LoadProfile apply(String yaml) {
        LoadProfile desired = Serialization.unmarshal(yaml, LoadProfile.class);
        for (int attempt = 1; ; attempt++) {
            LoadProfile current = get(desired.getMetadata().getName());
            if (current == null) {
                return client.resource(desired).inNamespace("test").create();
            }
            current.setSpec(desired.getSpec());
            try {
                return client.resource(current).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public LoadProfile get(String name) {
        return client.resources(LoadProfile.class)
                .inNamespace("test")
                .withName(name)
                .get();
    }

    /** Waits (bounded) until {@code check} holds; fails with what {@code describe} says otherwise. */
    public static void await(Duration limit, Supplier<Boolean> check, Supplier<String> describe)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(check.get())) {
                return;
            }
            Thread.sleep(50);
        }
        fail("not within " + limit + ": " + describe.get());
    }

    @Override
    public void close() {
        operator.stop();
        operatorClient.close();
    }
}
