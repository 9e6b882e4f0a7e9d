package io.loadfleet.operator;

import static io.loadfleet.operator.OperatorFixture.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.loadfleet.api.status.Phase;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Figures for BENCHMARKS.md, not tests (nothing here asserts a time): run with
 * {@code ./mvnw -B -pl operator test -Dgroups=benchmark -DexcludedTestGroups=none}. The edit-latency
 * benchmark runs on the real control plane: {@code real.EditLatencyBenchmarkIT}.
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true)
@Timeout(900)
class OperatorBenchmark {
    KubernetesClient client;

    @Test
    void operatorHeapWith100ProfilesOf10Pods() throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        try (OperatorFixture operator = new OperatorFixture(client, 18080)) {
            System.gc();
            long started = memory.getHeapMemoryUsage().getUsed();
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                operator.apply("""
                        apiVersion: loadfleet.io/v1alpha1
                        kind: LoadProfile
                        metadata: {name: fleet-%03d, namespace: test}
                        spec:
                          targetRate: 100000
                          replicas: 10
                          devices: {count: 100000}
                          generator: {type: iot-sensor}
                          sink: {kafka: {bootstrapServers: "kafka:9092", topic: t%03d}}
                        """.formatted(i, i));
            }
            await(
                    Duration.ofMinutes(5),
                    () -> client.apps()
                                    .statefulSets()
                                    .inNamespace("test")
                                    .list()
                                    .getItems()
                                    .size()
                            == 100,
                    () -> "StatefulSets: "
                            + client.apps()
                                    .statefulSets()
                                    .inNamespace("test")
                                    .list()
                                    .getItems()
                                    .size());
            // 1,000 pods (not ready: no kubelet runs them), watched by the operator's pod informer.
            for (StatefulSet sts :
                    client.apps().statefulSets().inNamespace("test").list().getItems()) {
                for (int o = 0; o < 10; o++) {
                    client.pods()
                            .inNamespace("test")
                            .resource(new PodBuilder()
                                    .withNewMetadata()
                                    .withName(sts.getMetadata().getName() + "-" + o)
                                    .withNamespace("test")
                                    .withLabels(sts.getSpec()
                                            .getTemplate()
                                            .getMetadata()
                                            .getLabels())
                                    .endMetadata()
                                    .withSpec(sts.getSpec().getTemplate().getSpec())
                                    .build())
                            .create();
                }
            }
            await(
                    Duration.ofMinutes(5),
                    () ->
                            client
                                    .resources(io.loadfleet.api.LoadProfile.class)
                                    .inNamespace("test")
                                    .list()
                                    .getItems()
                                    .stream()
                                    .allMatch(lp -> lp.getStatus() != null
                                            && lp.getStatus().getPhase() == Phase.Pending),
                    () -> "statuses pending");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(10_000); // a few polling rounds of all 100 profiles
            System.gc();
            long loaded = memory.getHeapMemoryUsage().getUsed();
            System.out.printf(
                    Locale.ROOT,
                    "BENCH 100 LoadProfiles x 10 pods: all reconciled in %.1f s; heap after GC: "
                            + "JVM with mock server %d MiB, operator started %d MiB, with 100 fleets %d MiB (operator's share of the growth includes the mock's storage)%n",
                    seconds,
                    baseline >> 20,
                    started >> 20,
                    loaded >> 20);
        }
    }
}
