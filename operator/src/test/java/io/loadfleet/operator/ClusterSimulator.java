package io.loadfleet.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.operator.dependent.FleetNames;
import io.loadfleet.worker.control.WorkerPod;
import io.loadfleet.worker.generate.GeneratorInputs;
import io.loadfleet.worker.sink.SecretFiles;
import io.loadfleet.worker.control.WorkerService;
import io.loadfleet.worker.sink.SinkTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Plays what fabric8's mock API server lacks: the StatefulSet controller (a pod per replica,
 * removed on scale-down, readyReplicas in status), the kubelet (each pod runs a real worker
 * in-process on its own loopback address through the worker's own start-up, {@link WorkerPod}: the
 * control API at once, Ready once its sink, Kafka or Pulsar, is connected)
 * and the garbage collector (objects whose owner is gone are deleted). Polls every 100 ms on its
 * own thread.
 *
 * <p>The kubelet's part also covers Secret volumes, as a kubelet mounts them: for each secret
 * volume of the pod template it reads the Secret from the API server (with the test's client: the
 * operator has no access to Secrets), decodes the keys the volume lists into files of the volume's
 * mode, in a per-pod directory laid out as the container's mount paths under its
 * {@code --secrets-dir}, and gives the worker that directory. A pod whose Secret or key is missing
 * does not start, as the kubelet leaves it in ContainerCreating; it is tried again on the next poll.
 */
final class ClusterSimulator implements AutoCloseable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String namespace;
    private final int controlPort;
    private final Map<String, RunningPod> pods = new ConcurrentHashMap<>();
    private final AtomicInteger nextAddress = new AtomicInteger(2);
    private final Path volumes;
    private final Thread loop;
    private volatile boolean closed;

    /** A pod's in-process worker, started as the worker's entry point starts it; ready once its sink connected. */
    record RunningPod(String name, String ip, WorkerPod pod, AtomicLong readyAtNanos, Path secrets) {
        WorkerService worker() {
            return pod.service();
        }

        /** What the pod's control API answers to GET /status. */
        WorkerStatus status() {
            return pod.status();
        }

        void stop() {
            pod.close();
            deleteRecursively(secrets);
        }
    }

    ClusterSimulator(KubernetesClient client, String namespace, int controlPort) throws IOException {
        this.volumes = Files.createTempDirectory("loadfleet-kubelet-");
        this.client = client;
        this.namespace = namespace;
        this.controlPort = controlPort;
        this.loop = new Thread(this::run, "cluster-simulator");
        loop.setDaemon(true);
        loop.start();
    }

    Map<String, RunningPod> pods() {
        return pods;
    }

    private void run() {
        while (!closed) {
            try {
                step();
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    System.err.println("cluster simulator: " + e);
                }
            }
        }
    }

    private void step() {
        collectGarbage();
        List<StatefulSet> sets = client.apps().statefulSets().inNamespace(namespace).list().getItems();
        for (StatefulSet sts : sets) {
            String name = sts.getMetadata().getName();
            int replicas = sts.getSpec().getReplicas();
            for (int i = 0; i < replicas; i++) {
                if (!pods.containsKey(name + "-" + i)) {
                    startPod(sts, i);
                }
            }
            pods.keySet().stream().filter(p -> p.startsWith(name + "-") && ordinal(p) >= replicas).toList()
                    .forEach(this::deletePod);
            // A changed pod template (its config hash) replaces the pods, as the StatefulSet's rolling update
            // does; all at once here, which ends the same way.
            String hash = sts.getSpec().getTemplate().getMetadata().getAnnotations().get(FleetNames.CONFIG_HASH_ANNOTATION);
            pods.keySet().stream().filter(p -> p.startsWith(name + "-")).filter(p -> {
                Pod pod = client.pods().inNamespace(namespace).withName(p).get();
                return pod != null && !java.util.Objects.equals(hash, pod.getMetadata().getAnnotations().get(FleetNames.CONFIG_HASH_ANNOTATION));
            }).toList().forEach(this::deletePod);
            Integer ready = sts.getStatus() == null ? null : sts.getStatus().getReadyReplicas();
            if (ready == null || ready != replicas) {
                // A PUT of the spec (how JOSDK updates without SSA) wipes status: restate it, as the controller does.
                sts.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                        .withReplicas(replicas).withReadyReplicas(replicas).withCurrentReplicas(replicas).build());
                client.apps().statefulSets().inNamespace(namespace).resource(sts).updateStatus();
            }
        }
        markConnectedPodsReady();
        List<String> setNames = sets.stream().map(s -> s.getMetadata().getName()).toList();
        pods.keySet().stream().filter(p -> !setNames.contains(p.substring(0, p.lastIndexOf('-')))).toList()
                .forEach(this::deletePod);
    }

    private void startPod(StatefulSet sts, int ordinal) {
        String name = sts.getMetadata().getName() + "-" + ordinal;
        String configMap = sts.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName();
        String workerYaml = client.configMaps().inNamespace(namespace).withName(configMap).get()
                .getData().get(FleetNames.CONFIG_FILE);
        WorkerConfig config;
        try {
            config = YAML.readValue(workerYaml, WorkerConfig.class);
        } catch (Exception e) {
            throw new IllegalStateException("bad worker.yaml in " + configMap, e);
        }
        Path secrets = mountSecrets(sts.getSpec().getTemplate().getSpec(), volumes.resolve(name));
        Path configMaps = mountConfigMaps(sts.getSpec().getTemplate().getSpec(), volumes.resolve(name + "-configmaps"));
        if (secrets == null || configMaps == null) {
            return;
        }
        String ip = "127.0.0." + nextAddress.getAndIncrement();
        WorkerPod worker;
        try {
            worker = new WorkerPod(config, SinkTarget.of(config.sink(), null, null).withConnectTimeout(CONNECT_TIMEOUT)
                    .withSecretsDir(secrets), new GeneratorInputs(configMaps, new SecretFiles(secrets)), "loadfleet-" + name, new InetSocketAddress(ip, controlPort));
        } catch (Exception e) {
            deleteRecursively(secrets);
            throw new IllegalStateException("cannot serve " + ip + ":" + controlPort, e);
        }
        pods.put(name, new RunningPod(name, ip, worker, new AtomicLong(), secrets));
        Thread connector = new Thread(() -> {
            try {
                worker.connect(RETRY, problem -> System.err.println(name + ": " + problem));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kubelet-" + name);
        connector.setDaemon(true);
        connector.start();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .withLabels(sts.getSpec().getTemplate().getMetadata().getLabels())
                    .withAnnotations(sts.getSpec().getTemplate().getMetadata().getAnnotations())
                    .addToOwnerReferences(ownerOf(sts))
                .endMetadata()
                .withSpec(sts.getSpec().getTemplate().getSpec())
                .withNewStatus()
                    .withPhase("Running")
                    .withPodIP(ip)
                    .addNewCondition().withType("Ready").withStatus("False").endCondition()
                .endStatus()
                .build();
        client.pods().inNamespace(namespace).resource(pod).create();
    }

    /** The kubelet's readiness probe: a pod turns Ready once its worker has connected the sink. */
    private void markConnectedPodsReady() {
        for (RunningPod running : pods.values()) {
            if (running.worker() != null && running.readyAtNanos().compareAndSet(0, System.nanoTime())) {
                client.pods().inNamespace(namespace).withName(running.name()).editStatus(p -> {
                    p.getStatus().getConditions().forEach(c -> c.setStatus("True"));
                    return p;
                });
            }
        }
    }

    /**
     * Writes the pod's Secret volumes under {@code podDir} as the container would see them under its
     * {@code --secrets-dir}; returns that directory, or null (and writes nothing) while a Secret or
     * one of its listed keys is missing.
     */
    /**
     * Writes the keys of the ConfigMap volumes mounted under {@link ConfigMapKeyRef#POD_DIR} as a kubelet
     * would, to {@code dir}/NAME/KEY; null (the pod does not start) when a ConfigMap or key is missing.
     */
    private Path mountConfigMaps(PodSpec pod, Path dir) {
        Container container = pod.getContainers().get(0);
        try {
            Files.createDirectories(dir);
            for (Volume volume : pod.getVolumes()) {
                String mountPath = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                        .findFirst().map(m -> m.getMountPath()).orElse("");
                if (volume.getConfigMap() == null || !mountPath.startsWith(ConfigMapKeyRef.POD_DIR + "/")) {
                    continue;
                }
                ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
                for (KeyToPath item : volume.getConfigMap().getItems()) {
                    String value = configMap == null || configMap.getData() == null ? null : configMap.getData().get(item.getKey());
                    if (value == null && Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                        continue; // an optional volume: the pod starts without the file
                    }
                    if (value == null) {
                        return null;
                    }
                    Path file = dir.resolve(mountPath.substring(ConfigMapKeyRef.POD_DIR.length() + 1)).resolve(item.getPath());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private Path mountSecrets(PodSpec pod, Path podDir) {
        Container container = pod.getContainers().get(0);
        List<String> args = container.getArgs();
        int option = args.indexOf("--secrets-dir");
        String containerDir = option < 0 ? SecretFile.POD_DIR : args.get(option + 1);
        Map<Path, byte[]> files = new LinkedHashMap<>();
        Map<Path, Integer> modes = new HashMap<>();
        for (Volume volume : pod.getVolumes()) {
            if (volume.getSecret() == null) {
                continue;
            }
            Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
            if (secret == null) {
                return null;
            }
            String mountPath = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("volume " + volume.getName() + " is not mounted"))
                    .getMountPath();
            if (!mountPath.startsWith(containerDir + "/")) {
                throw new IllegalStateException(mountPath + " is outside --secrets-dir " + containerDir + ": the worker would not find it");
            }
            Path dir = podDir.resolve(mountPath.substring(containerDir.length() + 1));
            Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
            // without items, a kubelet mounts every key
            List<KeyToPath> items = volume.getSecret().getItems() == null || volume.getSecret().getItems().isEmpty()
                    ? data.keySet().stream().map(k -> new KeyToPath(k, null, k)).toList()
                    : volume.getSecret().getItems();
            for (KeyToPath item : items) {
                String value = data.get(item.getKey());
                if (value == null) {
                    return null;
                }
                Path file = dir.resolve(item.getPath());
                files.put(file, Base64.getDecoder().decode(value));
                modes.put(file, item.getMode() != null ? item.getMode() : volume.getSecret().getDefaultMode());
            }
        }
        try {
            Files.createDirectories(podDir);
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                Files.createDirectories(file.getKey().getParent());
                Files.write(file.getKey(), file.getValue());
                Integer mode = modes.get(file.getKey());
                if (mode != null) {
                    Files.setPosixFilePermissions(file.getKey(), permissions(mode));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return podDir;
    }

    /** The rwx bits of an octal file mode (0440 → r--r-----). */
    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder bits = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int b = (mode >> shift) & 7;
            bits.append((b & 4) != 0 ? 'r' : '-').append((b & 2) != 0 ? 'w' : '-').append((b & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(bits.toString());
    }

    /** Kills a pod's worker without a goodbye, as a node failure would, and deletes the Pod. */
    void deletePod(String name) {
        RunningPod pod = pods.remove(name);
        if (pod != null) {
            pod.stop();
        }
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    private void collectGarbage() {
        List<String> profiles = client.resources(LoadProfile.class).inNamespace(namespace).list().getItems().stream()
                .map(p -> p.getMetadata().getUid()).toList();
        for (List<? extends HasMetadata> owned : List.of(
                client.apps().statefulSets().inNamespace(namespace).list().getItems(),
                client.configMaps().inNamespace(namespace).list().getItems(),
                client.services().inNamespace(namespace).list().getItems(),
                client.network().v1().networkPolicies().inNamespace(namespace).list().getItems())) {
            for (HasMetadata o : owned) {
                boolean orphan = o.getMetadata().getOwnerReferences().stream()
                        .anyMatch(ref -> LoadProfile.KIND.equals(ref.getKind()) && !profiles.contains(ref.getUid()));
                if (orphan) {
                    client.resource(o).delete();
                }
            }
        }
    }

    private static OwnerReference ownerOf(StatefulSet sts) {
        return new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                .withName(sts.getMetadata().getName()).withUid(sts.getMetadata().getUid()).withController(true).build();
    }

    private static int ordinal(String podName) {
        return Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1));
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        loop.interrupt();
        loop.join(5_000);
        pods.values().forEach(RunningPod::stop);
        pods.clear();
        deleteRecursively(volumes);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
