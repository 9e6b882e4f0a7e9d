package io.loadfleet.operator.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.operator.TestProfiles;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verifiers run as the workers do, in their own mode, under labels no worker selector matches. */
class VerifierStatefulSetTest {
    static final String SPEC = TestProfiles.SMART_METER_SPEC + "verify: {grace: 20s}\n";

    @Test
    void verifiersRunTheWorkerImageHardenedAndConfiguredAsTheWorkers() {
        LoadProfile profile = TestProfiles.withSpec(SPEC);
        StatefulSet verifiers = VerifierStatefulSet.build(profile, fleet(profile, 2));
        StatefulSet workers = WorkerStatefulSet.build(profile, fleet(profile, 2));
        PodSpec pod = verifiers.getSpec().getTemplate().getSpec();

        assertEquals(
                profile.getMetadata().getName() + "-verify",
                verifiers.getMetadata().getName());
        assertEquals(2, verifiers.getSpec().getReplicas());
        assertEquals(
                List.of(
                        "verify",
                        "--live",
                        "--subscription",
                        "loadfleet-verify-" + profile.getMetadata().getName(),
                        "--config",
                        "/etc/loadfleet/worker.yaml",
                        "--port",
                        "8080"),
                pod.getContainers().get(0).getArgs());
        PodSpec workerPod = workers.getSpec().getTemplate().getSpec();
        assertEquals(workerPod.getSecurityContext(), pod.getSecurityContext());
        assertEquals(workerPod.getVolumes(), pod.getVolumes());
        assertEquals(
                workerPod.getContainers().get(0).getSecurityContext(),
                pod.getContainers().get(0).getSecurityContext());
        assertEquals(
                workerPod.getContainers().get(0).getVolumeMounts(),
                pod.getContainers().get(0).getVolumeMounts());
        assertEquals(
                workers.getSpec().getTemplate().getMetadata().getAnnotations(),
                verifiers.getSpec().getTemplate().getMetadata().getAnnotations(),
                "the same configuration hash: a spec change rolls both");
    }

    @Test
    void verifiersTakeSpecWorkersSettingsButNoneOfItsVolumes() {
        LoadProfile profile = TestProfiles.withSpec(SPEC + """
                worker:
                  jvmOptions: ["-Xmx1g"]
                  volumes: [{name: agents, emptyDir: {}}]
                  volumeMounts: [{name: data, mountPath: /data}, {name: agents, mountPath: /agents}]
                  volumeClaimTemplates:
                    - metadata: {name: data}
                      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """);
        StatefulSet verifiers = VerifierStatefulSet.build(profile, fleet(profile, 1));
        PodSpec pod = verifiers.getSpec().getTemplate().getSpec();

        assertEquals("-Xmx1g", pod.getContainers().get(0).getEnv().get(0).getValue());
        assertEquals(
                List.of("config", "tmp"),
                pod.getVolumes().stream().map(v -> v.getName()).toList());
        assertEquals(
                List.of("config", "tmp"),
                pod.getContainers().get(0).getVolumeMounts().stream()
                        .map(m -> m.getName())
                        .toList());
        assertEquals(List.of(), verifiers.getSpec().getVolumeClaimTemplates());
        assertNull(verifiers.getSpec().getPersistentVolumeClaimRetentionPolicy());
        assertNull(pod.getSecurityContext().getFsGroup());
    }

    @Test
    void noWorkerSelectorMatchesAVerifierPod() {
        LoadProfile profile = TestProfiles.withSpec(SPEC);
        var labels = VerifierStatefulSet.build(profile, fleet(profile, 1))
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();

        FleetNames.selector(profile).forEach((key, value) -> assertFalse(value.equals(labels.get(key)), key));
        assertEquals(profile.getMetadata().getName(), labels.get(FleetNames.VERIFIER_LABEL));
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .build();
        assertEquals(Optional.of(profile.getMetadata().getName()), FleetNames.profileOf(pod));
    }

    static DesiredFleet fleet(LoadProfile profile, int verifiers) {
        return new DesiredFleet(
                3, "loadfleet/worker:test", 8080, "loadfleet-system", "text", WorkerConfig.of(profile), verifiers);
    }
}
