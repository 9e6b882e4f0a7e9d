package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.OperatorVolumes;
import io.loadfleet.api.spec.PodSettingsSpec;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.api.spec.WorkerSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The fleet's pods. Only static configuration is in the pod template (its hash rolls the pods when
 * it changes); rates and device ranges are pushed to the pods, so changing them restarts nothing.
 * Its volumeClaimTemplates cannot change: a change of them has the StatefulSet deleted, its pods left
 * running, and created anew ({@link ClaimTemplatesReplaced}).
 */
public class WorkerStatefulSet extends CRUDKubernetesDependentResource<StatefulSet, LoadProfile> {
    /** The non-root user of the worker image (Dockerfile.worker). */
    static final long WORKER_UID = 10001;
    /** On the StatefulSet: a hash of the claim templates it was made with, absent without any. */
    static final String CLAIM_TEMPLATES_ANNOTATION = "loadfleet.io/claim-templates-hash";
    /** Claims outlive their pods, on scale-down and on deletion alike: they hold the fleet's files. */
    static final String RETAIN = "Retain";

    public WorkerStatefulSet() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(LoadProfile profile, Context<LoadProfile> context) {
        return build(profile, DesiredFleet.of(context));
    }

    @Override
    public StatefulSet create(StatefulSet desired, LoadProfile profile, Context<LoadProfile> context) {
        return inSpecTerms(profile, () -> super.create(desired, profile, context));
    }

    /**
     * Applies the desired StatefulSet, unless its claim templates differ from those it was made with: then deletes
     * it with propagation Orphan (its pods run on, its claims stay) and waits for it to be gone, when the next pass
     * creates it anew; the new one adopts the pods, and their claims by name.
     */
    @Override
    public StatefulSet update(
            StatefulSet actual, StatefulSet desired, LoadProfile profile, Context<LoadProfile> context) {
        if (Objects.equals(claimTemplatesHash(actual), claimTemplatesHash(desired))) {
            return inSpecTerms(profile, () -> super.update(actual, desired, profile, context));
        }
        if (actual.getMetadata().getDeletionTimestamp() == null) {
            context.getClient()
                    .apps()
                    .statefulSets()
                    .inNamespace(actual.getMetadata().getNamespace())
                    .withName(actual.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.ORPHAN)
                    .delete();
            new ClaimTemplatesReplaced(
                            actual.getMetadata().getName(),
                            desired.getSpec().getVolumeClaimTemplates().stream()
                                    .map(c -> c.getMetadata().getName())
                                    .toList())
                    .putInto(context);
        }
        return actual;
    }

    static StatefulSet build(LoadProfile profile, DesiredFleet fleet) {
        WorkerSpec worker = workerSpec(profile);
        return build(
                profile,
                fleet,
                new PodSet(
                        FleetNames.statefulSet(profile),
                        FleetNames.podLabels(profile),
                        FleetNames.selector(profile),
                        List.of("worker"),
                        worker,
                        WorkerVolumes.of(worker),
                        fleet.statefulSetReplicas()));
    }

    private static WorkerSpec workerSpec(LoadProfile profile) {
        return profile.getSpec().getWorker() == null
                ? new WorkerSpec()
                : profile.getSpec().getWorker();
    }

    /** A refusal of the API server naming spec.worker's fields where it names theirs in the StatefulSet. */
    private static StatefulSet inSpecTerms(LoadProfile profile, Supplier<StatefulSet> write) {
        try {
            return write.get();
        } catch (KubernetesClientException e) {
            throw WorkerVolumesRefusal.inSpecTerms(e, WorkerVolumes.of(workerSpec(profile)));
        }
    }

    private static String claimTemplatesHash(StatefulSet set) {
        return set.getMetadata().getAnnotations() == null
                ? null
                : set.getMetadata().getAnnotations().get(CLAIM_TEMPLATES_ANNOTATION);
    }

    /**
     * The pods of one role of the fleet (workers or verifiers): the same image, configuration, Secrets,
     * probes and hardening, with the role's own command, labels, volumes and count.
     *
     * @param command what the image runs, before the options every role takes
     */
    record PodSet(
            String name,
            Map<String, String> labels,
            Map<String, String> selector,
            List<String> command,
            PodSettingsSpec worker,
            WorkerVolumes volumes,
            int replicas) {}

    static StatefulSet build(LoadProfile profile, DesiredFleet fleet, PodSet set) {
        PodSettingsSpec worker = set.worker();
        WorkerVolumes own = set.volumes();
        String image = worker.getImage() != null ? worker.getImage() : fleet.defaultImage();
        String config = WorkerConfigMap.render(fleet.workerConfig());
        List<SecretVolume> secrets = SecretVolume.of(profile.getSpec().secretFiles());
        List<ConfigMapVolume> configMaps = ConfigMapVolume.of(profile.getSpec().getGenerator());
        List<String> args = new ArrayList<>(set.command());
        args.addAll(List.of(
                "--config",
                FleetNames.CONFIG_DIR + "/" + FleetNames.CONFIG_FILE,
                "--port",
                Integer.toString(fleet.controlPort())));
        // Only fleets with Secrets get what they need: the templates of all others stay as they were, so
        // an operator upgrade rolls no pods (and older worker images, without --secrets-dir, keep working).
        if (!secrets.isEmpty()) {
            args.addAll(List.of("--secrets-dir", SecretFile.POD_DIR));
        }
        var container = new ContainerBuilder()
                .withName(set.command().get(0))
                .withImage(image)
                .withArgs(args)
                .addNewPort()
                .withName("control")
                .withContainerPort(fleet.controlPort())
                .endPort()
                .withEnv(environment(worker, fleet))
                .withResources(worker.getResources())
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/readyz")
                .withPort(new IntOrString("control"))
                .endHttpGet()
                .withPeriodSeconds(2)
                .endReadinessProbe()
                .withNewLivenessProbe()
                .withNewHttpGet()
                .withPath("/healthz")
                .withPort(new IntOrString("control"))
                .endHttpGet()
                .withPeriodSeconds(10)
                .withFailureThreshold(3)
                .endLivenessProbe()
                .addAllToVolumeMounts(own.mounts())
                .addNewVolumeMount()
                .withName(OperatorVolumes.CONFIG)
                .withMountPath(FleetNames.CONFIG_DIR)
                .withReadOnly(true)
                .endVolumeMount()
                // the root filesystem is read-only: the JVM's temporary files go here
                .addNewVolumeMount()
                .withName(OperatorVolumes.TMP)
                .withMountPath(OperatorVolumes.TMP_DIR)
                .endVolumeMount()
                .addAllToVolumeMounts(secrets.stream().map(SecretVolume::mount).toList())
                .addAllToVolumeMounts(
                        configMaps.stream().map(ConfigMapVolume::mount).toList())
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .build();
        var pod = new PodSpecBuilder()
                .withContainers(container)
                .addAllToVolumes(own.volumes())
                .addNewVolume()
                .withName(OperatorVolumes.CONFIG)
                .withNewConfigMap()
                .withName(FleetNames.configMap(profile))
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName(OperatorVolumes.TMP)
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addAllToVolumes(secrets.stream().map(SecretVolume::volume).toList())
                .addAllToVolumes(
                        configMaps.stream().map(ConfigMapVolume::volume).toList())
                // the Pod Security Standards' "restricted" profile, as the operator's own pod
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(WORKER_UID)
                .withRunAsGroup(WORKER_UID)
                // the group of mounted Secret files, which are readable by owner and group only, and of the
                // fleet's own volumes: a new claim's file system belongs to root until the kubelet gives it to
                // this group (checking only its top directory on later mounts, not every file)
                .withFsGroup(secrets.isEmpty() && !own.any() ? null : WORKER_UID)
                .withFsGroupChangePolicy(own.any() ? "OnRootMismatch" : null)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withNodeSelector(worker.getNodeSelector().isEmpty() ? null : worker.getNodeSelector())
                .withTolerations(worker.getTolerations())
                .withAffinity(worker.getAffinity())
                .withImagePullSecrets(worker.getImagePullSecrets())
                .withTerminationGracePeriodSeconds(30L)
                .build();
        boolean claims = !own.claimTemplates().isEmpty();
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(set.name())
                .withNamespace(profile.getMetadata().getNamespace())
                .withLabels(set.labels())
                .addToAnnotations(
                        claims
                                ? Map.of(CLAIM_TEMPLATES_ANNOTATION, sha256(Serialization.asJson(own.claimTemplates())))
                                : Map.of())
                .endMetadata()
                .withNewSpec()
                .withReplicas(set.replicas())
                .withServiceName(FleetNames.service(profile))
                // Parallel: a scale-up starts all new pods at once (it cannot be changed later)
                .withPodManagementPolicy("Parallel")
                .withNewSelector()
                .withMatchLabels(set.selector())
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(set.labels())
                .addToAnnotations(FleetNames.CONFIG_HASH_ANNOTATION, sha256(config + "\n" + image))
                .endMetadata()
                .withSpec(pod)
                .endTemplate()
                .withVolumeClaimTemplates(own.claimTemplates())
                // set, not left to the API server's default, so it is written where users look
                .withPersistentVolumeClaimRetentionPolicy(
                        claims
                                ? new StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                                        .withWhenScaled(RETAIN)
                                        .withWhenDeleted(RETAIN)
                                        .build()
                                : null)
                .endSpec()
                .build();
    }

    private static List<EnvVar> environment(PodSettingsSpec worker, DesiredFleet fleet) {
        List<EnvVar> env = new java.util.ArrayList<>();
        if (!worker.getJvmOptions().isEmpty()) {
            env.add(new EnvVar("JAVA_TOOL_OPTIONS", String.join(" ", worker.getJvmOptions()), null));
        }
        if ("json".equals(fleet.logFormat())) {
            env.add(new EnvVar("LOG_FORMAT", "json", null));
        }
        return env;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
