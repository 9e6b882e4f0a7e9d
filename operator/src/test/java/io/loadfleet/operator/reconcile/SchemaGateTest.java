package io.loadfleet.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.childjvm.ChildJvm;
import io.loadfleet.operator.TestProfiles;
import io.loadfleet.operator.coordinate.FleetPod;
import io.loadfleet.operator.coordinate.WorkerClient;
import io.loadfleet.operator.status.HeldBackChange;
import io.loadfleet.worker.control.WorkerPod;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.secret.SecretFiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate's decisions with a real worker's control API as the pod asked (a {@link WorkerPod}
 * serves {@code PUT /schema} before its sink connects) and a registry nobody answers for. The
 * registry's refusal of a real incompatible schema: {@code SchemaEvolutionIT}.
 */
class SchemaGateTest {
    static final String UID = "5f0c1d2e";

    static WorkerConfig config(String generator, String registryUrl) {
        LoadProfile profile = TestProfiles.withSpec("""
                targetRate: 100
                devices: {count: 100}
                format: avro
                generator: %s
                sink: {kafka: {bootstrapServers: "kafka:9092", topic: t, schemaRegistry: {url: "%s"}}}
                """.formatted(generator, registryUrl));
        return WorkerConfig.of(profile);
    }

    @Test
    void onlyAChangedGeneratorIsCheckedAndHeldBackWhenTheRegistryCannotBeAsked() throws Exception {
        String down = "http://127.0.0.1:" + ChildJvm.freePort();
        WorkerConfig deployed = config("{type: smart-meter}", down);
        WorkerConfig desired = config("{type: temperature}", down);
        SecretFiles secrets = new SecretFiles(Path.of("no-secrets"));
        try (WorkerPod pod = new WorkerPod(
                deployed,
                SinkTarget.of(deployed.sink(), null, null),
                new GeneratorInputs(Path.of("no-config-maps"), secrets),
                "test",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            FleetPod ready = new FleetPod(0, new WorkerClient.WorkerAddress("127.0.0.1", pod.port()), true);
            SchemaGate gate = new SchemaGate(new WorkerClient());

            SchemaGate.Verdict verdict = gate.admit(UID, desired, deployed, List.of(ready));
            assertSame(deployed, verdict.deploy(), "the fleet keeps its configuration");
            HeldBackChange held = verdict.heldBack().orElseThrow();
            assertEquals(SchemaGate.SCHEMA_CHECK_FAILED, held.reason());
            assertTrue(held.message().contains("schema registry at " + down + " did not answer"), held.message());

            assertSame(desired, gate.admit(UID, desired, deployed, List.of()).deploy(), "no pod to ask: roll out");
            assertSame(
                    desired,
                    gate.admit(UID, desired, deployed, List.of(new FleetPod(0, ready.address(), false)))
                            .deploy(),
                    "an unready pod is not asked");
            // the pod would answer as above if asked: these are not asked
            WorkerConfig sameGenerator = config("{type: smart-meter}", down + "/other");
            assertTrue(gate.admit(UID, sameGenerator, deployed, List.of(ready))
                    .heldBack()
                    .isEmpty());
            assertTrue(gate.admit(UID, desired, null, List.of(ready)).heldBack().isEmpty(), "a first deployment");
        }
    }
}
