package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.api.spec.WorkerSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fleet's pods. Only static configuration is in the pod template (its hash rolls the pods when
 * it changes); rates and device ranges are pushed to the pods, so changing them restarts nothing.
 */
public class WorkerStatefulSet extends CRUDKubernetesDependentResource<StatefulSet, LoadProfile> {
    /** The non-root user of the worker image (Dockerfile.worker). */
    static final long WORKER_UID = 10001;

    public WorkerStatefulSet() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(LoadProfile profile, Context<LoadProfile> context) {
        return build(profile, DesiredFleet.of(context));
    }

    static StatefulSet build(LoadProfile profile, DesiredFleet fleet) {
        WorkerSpec worker = profile.getSpec().getWorker() == null
                ? new WorkerSpec()
                : profile.getSpec().getWorker();
        return build(
                profile,
                fleet,
                new PodSet(
                        FleetNames.statefulSet(profile),
                        FleetNames.podLabels(profile),
                        FleetNames.selector(profile),
                        List.of("worker"),
                        worker,
                        fleet.statefulSetReplicas()));
    }

    /**
     * The pods of one role of the fleet (workers or verifiers): the same image, configuration, Secrets,
     * probes and hardening, with the role's own command, labels and count.
     *
     * @param command what the image runs, before the options every role takes
     */
    record PodSet(
            String name,
            Map<String, String> labels,
            Map<String, String> selector,
            List<String> command,
            WorkerSpec worker,
            int replicas) {}

    static StatefulSet build(LoadProfile profile, DesiredFleet fleet, PodSet set) {
        WorkerSpec worker = set.worker();
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
                .addNewVolumeMount()
                .withName("config")
                .withMountPath(FleetNames.CONFIG_DIR)
                .withReadOnly(true)
                .endVolumeMount()
                // the root filesystem is read-only: the JVM's temporary files go here
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
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
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName(FleetNames.configMap(profile))
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("tmp")
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
                // the group of mounted Secret files, which are readable by owner and group only
                .withFsGroup(secrets.isEmpty() ? null : WORKER_UID)
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
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(set.name())
                .withNamespace(profile.getMetadata().getNamespace())
                .withLabels(set.labels())
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
                .endSpec()
                .build();
    }

    private static List<EnvVar> environment(WorkerSpec worker, DesiredFleet fleet) {
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
