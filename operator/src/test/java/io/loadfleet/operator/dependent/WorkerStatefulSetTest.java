package io.loadfleet.operator.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.operator.TestProfiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerStatefulSetTest {
    static final String SPEC = TestProfiles.SMART_METER_SPEC;

    @Test
    void rateAndReplicasLeaveThePodTemplateAloneSoNoPodRestarts() {
        StatefulSet three = build(TestProfiles.withSpec(SPEC), 3, "text");
        StatefulSet six = build(TestProfiles.withSpec(SPEC.replace("30000", "60000")), 6, "text");

        assertEquals(3, three.getSpec().getReplicas());
        assertEquals(6, six.getSpec().getReplicas());
        assertEquals(three.getSpec().getTemplate(), six.getSpec().getTemplate());
    }

    @Test
    void staticConfigurationChangesTheConfigHashWhichRollsThePods() {
        String hash = configHash(build(TestProfiles.withSpec(SPEC), 3, "text"));

        assertNotEquals(hash, configHash(build(TestProfiles.withSpec(SPEC.replace("seed: 1", "seed: 2")), 3, "text")));
        assertNotEquals(
                hash, configHash(build(TestProfiles.withSpec(SPEC + "worker: {image: my/worker:2}\n"), 3, "text")));
    }

    @Test
    void podsRunHardenedAsTheRestrictedPodSecurityProfileAsks() {
        StatefulSet set = build(TestProfiles.withSpec(SPEC), 3, "text");
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().get(0);

        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(WorkerStatefulSet.WORKER_UID, pod.getSecurityContext().getRunAsUser());
        assertEquals(
                "RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertNull(pod.getSecurityContext().getFsGroup(), "no Secret files, no fsGroup");
        assertTrue(worker.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(worker.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(
                List.of("ALL"), worker.getSecurityContext().getCapabilities().getDrop());
        assertEquals("Parallel", set.getSpec().getPodManagementPolicy());
        assertEquals(
                FleetNames.selector(TestProfiles.withSpec(SPEC)),
                set.getSpec().getSelector().getMatchLabels());
        assertEquals(List.of("worker", "--config", "/etc/loadfleet/worker.yaml", "--port", "8080"), worker.getArgs());
    }

    @Test
    void sinkSecretsAreMountedForTheWorkersGroupWithTheirDirectoryOnTheCommandLine() {
        LoadProfile profile = TestProfiles.withSpec(SPEC.replace(
                "topic: t}",
                "topic: t, security: {protocol: SASL_SSL, "
                        + "sasl: {mechanism: SCRAM-SHA-512, username: lf, secretRef: {name: creds}}}}"));
        PodSpec pod = build(profile, 3, "text").getSpec().getTemplate().getSpec();

        assertEquals(WorkerStatefulSet.WORKER_UID, pod.getSecurityContext().getFsGroup());
        assertTrue(
                pod.getContainers().get(0).getArgs().contains("--secrets-dir"),
                pod.getContainers().get(0).getArgs()::toString);
        assertTrue(pod.getVolumes().stream()
                .anyMatch(v ->
                        v.getSecret() != null && "creds".equals(v.getSecret().getSecretName())));
    }

    @Test
    void jvmOptionsAndJsonLogsReachTheWorkerAsEnvironment() {
        LoadProfile profile = TestProfiles.withSpec(
                SPEC + "worker: {jvmOptions: [\"-Xmx256m\", \"-XX:+UseZGC\"], nodeSelector: {pool: load}}\n");
        PodSpec pod = build(profile, 3, "json").getSpec().getTemplate().getSpec();

        assertEquals(
                List.of(
                        new EnvVar("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:+UseZGC", null),
                        new EnvVar("LOG_FORMAT", "json", null)),
                pod.getContainers().get(0).getEnv());
        assertEquals("load", pod.getNodeSelector().get("pool"));
    }

    /** A Parquet fleet writing onto a claim of each pod's own, beside a shared claim mounted read-only. */
    static final String FILES_ON_CLAIMS = """
            targetRate: 1000
            devices: {count: 100}
            generator: {type: iot-sensor}
            sink: {file: {path: /data/lake, format: parquet}}
            worker:
              volumes: [{name: shared, persistentVolumeClaim: {claimName: lake-shared}}]
              volumeMounts:
                - {name: data, mountPath: /data}
                - {name: shared, mountPath: /shared, readOnly: true}
              volumeClaimTemplates:
                - metadata: {name: data, labels: {tier: lake}, uid: 7e57}
                  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                  status: {phase: Bound}
            """;

    @Test
    void theWorkersVolumesComeFirstAndEachPodGetsClaimsKeptOnScaleDownAndDeletion() {
        StatefulSet set = build(TestProfiles.withSpec(FILES_ON_CLAIMS), 2, "text");
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().get(0);

        // first, so the API server's spec.template.spec.volumes[i] is spec.worker.volumes[i]
        assertEquals(
                List.of("shared", "config", "tmp"),
                pod.getVolumes().stream().map(Volume::getName).toList());
        assertEquals(
                "lake-shared",
                pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals(
                List.of("data:/data", "shared:/shared", "config:/etc/loadfleet", "tmp:/tmp"),
                worker.getVolumeMounts().stream()
                        .map(m -> m.getName() + ":" + m.getMountPath())
                        .toList());
        assertTrue(worker.getVolumeMounts().get(1).getReadOnly());

        PersistentVolumeClaim claim = set.getSpec().getVolumeClaimTemplates().get(0);
        assertEquals(1, set.getSpec().getVolumeClaimTemplates().size());
        assertEquals("data", claim.getMetadata().getName());
        assertEquals(java.util.Map.of("tier", "lake"), claim.getMetadata().getLabels());
        assertNull(claim.getMetadata().getUid(), "what the StatefulSet controller does not copy is left out");
        assertNull(claim.getStatus());
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertEquals(
                new Quantity("1Gi"),
                claim.getSpec().getResources().getRequests().get("storage"));
        assertEquals(
                "Retain",
                set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
        assertEquals(
                "Retain",
                set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
        assertNotNull(set.getMetadata().getAnnotations().get(WorkerStatefulSet.CLAIM_TEMPLATES_ANNOTATION));

        // a new claim's file system is root's until the kubelet hands it to the pod's fsGroup, once
        assertEquals(WorkerStatefulSet.WORKER_UID, pod.getSecurityContext().getFsGroup());
        assertEquals("OnRootMismatch", pod.getSecurityContext().getFsGroupChangePolicy());
    }

    @Test
    void aFleetWithoutVolumesHasTheStatefulSetItHadBefore() {
        StatefulSet set = build(TestProfiles.withSpec(SPEC), 3, "text");

        assertEquals(List.of(), set.getSpec().getVolumeClaimTemplates());
        assertNull(set.getSpec().getPersistentVolumeClaimRetentionPolicy());
        assertEquals(java.util.Map.of(), set.getMetadata().getAnnotations());
        assertNull(set.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroupChangePolicy());
    }

    @Test
    void volumeChangesRollThePodsAndClaimTemplateChangesOnlyTheirHashWhileARateChangeTouchesNeither() {
        StatefulSet set = build(TestProfiles.withSpec(FILES_ON_CLAIMS), 2, "text");
        StatefulSet faster = build(TestProfiles.withSpec(FILES_ON_CLAIMS.replace("1000", "4000")), 4, "text");
        assertEquals(set.getSpec().getTemplate(), faster.getSpec().getTemplate());
        assertEquals(set.getSpec().getVolumeClaimTemplates(), faster.getSpec().getVolumeClaimTemplates());
        assertEquals(set.getMetadata(), faster.getMetadata());

        StatefulSet remounted = build(
                TestProfiles.withSpec(FILES_ON_CLAIMS.replace("mountPath: /shared", "mountPath: /in")), 2, "text");
        assertNotEquals(set.getSpec().getTemplate(), remounted.getSpec().getTemplate());
        assertEquals(set.getMetadata(), remounted.getMetadata());

        StatefulSet bigger = build(TestProfiles.withSpec(FILES_ON_CLAIMS.replace("1Gi", "2Gi")), 2, "text");
        assertEquals(set.getSpec().getTemplate(), bigger.getSpec().getTemplate());
        assertNotEquals(
                set.getMetadata().getAnnotations().get(WorkerStatefulSet.CLAIM_TEMPLATES_ANNOTATION),
                bigger.getMetadata().getAnnotations().get(WorkerStatefulSet.CLAIM_TEMPLATES_ANNOTATION));
    }

    static StatefulSet build(LoadProfile profile, int replicas, String logFormat) {
        return WorkerStatefulSet.build(
                profile,
                new DesiredFleet(
                        replicas,
                        "loadfleet/worker:test",
                        8080,
                        "loadfleet-system",
                        logFormat,
                        WorkerConfig.of(profile),
                        0));
    }

    private static String configHash(StatefulSet set) {
        return set.getSpec().getTemplate().getMetadata().getAnnotations().get(FleetNames.CONFIG_HASH_ANNOTATION);
    }
}
