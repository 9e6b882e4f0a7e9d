package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.Phase;
import io.loadfleet.operator.cluster.LocalCluster;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.testing.StoredRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Parquet fleet writing onto a PersistentVolumeClaim of each pod's own (spec.worker.volumeClaimTemplates) on the
 * real control plane, whose local provisioner keeps a claim's volume as long as the claim: a pod deleted and made
 * anew by the StatefulSet controller finds its claim's files and numbers its own on after them; a scale-down leaves
 * the claim (retention Retain) to the pod that comes back; a change of the claim templates, which no StatefulSet
 * takes, has the operator recreate the StatefulSet, which adopts the running pod and keeps every claim; deleting
 * the LoadProfile leaves the claims, and deleting them deletes their volumes. Beside it, a volume only the API
 * server finds wrong is refused in the LoadProfile's terms.
 */
@Timeout(600)
class FileClaimsIT {
    static final String NAME = "lake";
    static final Schema SCHEMA = Generators.schema(GeneratorType.IOT_SENSOR);
    static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: lake}
            spec:
              targetRate: 400
              replicas: REPLICAS
              devices: {count: 100}
              generator: {type: iot-sensor}
              sink: {file: {path: /data/lake, format: parquet, rollSeconds: 1}}
              worker:
                volumeMounts: [{name: data, mountPath: /data}]
                volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: SIZE}}}
            """;

    final RealFleet fleet = new RealFleet("claims");
    final LocalCluster cluster = fleet.cluster;

    @Test
    void filesOnEachPodsClaimOutliveItsPodAScaleDownAndAClaimTemplatesChange() throws Exception {
        long start = System.nanoTime();
        fleet.apply(profile(2, "1Gi"));
        // beside it, a volume only the API server can find wrong: its refusal names the LoadProfile's field
        fleet.apply(profile(1, "1Gi")
                .replace("name: lake", "name: refused")
                .replace(
                        "    volumeMounts:", "    volumes: [{name: share, nfs: {path: /exports}}]\n    volumeMounts:"));
        await(
                WAIT,
                () -> fleet.phase(NAME) == Phase.Running
                        && finished(0).size() >= 2
                        && finished(1).size() >= 2,
                () -> fleet.describe(NAME));
        await(
                WAIT,
                () -> fleet.condition("refused", Condition.READY)
                        .filter(c -> "ReconcileFailed".equals(c.getReason()))
                        .isPresent(),
                () -> fleet.describe("refused"));
        String refusal =
                fleet.condition("refused", Condition.READY).orElseThrow().getMessage();
        assertTrue(refusal.contains("spec.worker.volumes[0].nfs.server: Required value"), refusal);
        cluster.kubectlOk(null, "delete", "lp", "refused", "-n", fleet.namespace);
        StatefulSet first = statefulSet();
        assertEquals(
                "Retain",
                first.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
        assertEquals(
                "Retain",
                first.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
        String claim0 = claim(0).getMetadata().getUid();
        String claim1 = claim(1).getMetadata().getUid();
        assertEquals(NAME, claim(1).getMetadata().getLabels().get("loadfleet.io/profile"), "labelled by the selector");
        long running = System.nanoTime();

        // a pod deleted: the StatefulSet controller's new one mounts the same claim and numbers on after its files
        String deleted = pod(1).getMetadata().getUid();
        Map<String, Long> before = sizes(finished(1));
        cluster.kubectlOk(null, "delete", "pod", NAME + "-1", "-n", fleet.namespace);
        int lastIndexOfTheDeletedPod = lastIndex(shardFiles(1));
        await(
                WAIT,
                () -> pod(1) != null
                        && !pod(1).getMetadata().getUid().equals(deleted)
                        && lastIndex(finished(1)) > lastIndexOfTheDeletedPod + 1,
                () -> fleet.describe(NAME) + "\nshard 1: " + shardFiles(1));
        assertEquals(claim1, claim(1).getMetadata().getUid());
        assertEquals(before, keep(sizes(finished(1)), before), "the earlier files are there as they were");
        List<Integer> indices = shardFiles(1).stream().map(FileClaimsIT::index).toList();
        assertEquals(
                lastIndexOfTheDeletedPod + 1,
                indices.stream()
                        .filter(i -> i > lastIndexOfTheDeletedPod)
                        .findFirst()
                        .orElseThrow(),
                "the new pod's first file follows the deleted pod's last: " + indices);
        long rowsOfShard1 = rows(1);
        long restarted = System.nanoTime();

        // scaled down: pod 1 goes, its claim stays
        cluster.kubectlOk(null, "scale", "lp", NAME, "-n", fleet.namespace, "--replicas=1");
        await(
                WAIT,
                () -> fleet.pods(NAME).size() == 1
                        && Integer.valueOf(1).equals(fleet.status(NAME).getReplicas())
                        && fleet.phase(NAME) == Phase.Running,
                () -> fleet.describe(NAME));
        assertEquals(claim1, claim(1).getMetadata().getUid());
        assertEquals("Bound", claim(1).getStatus().getPhase());
        Map<String, Long> scaledDown = sizes(finished(1));
        long down = System.nanoTime();

        // the claim templates changed (1Gi -> 2Gi): the StatefulSet is made anew, pod 0 runs on, every claim stays
        String pod0 = pod(0).getMetadata().getUid();
        fleet.apply(profile(1, "2Gi"));
        await(
                WAIT,
                () -> {
                    StatefulSet set = statefulSet();
                    return set != null
                            && !set.getMetadata()
                                    .getUid()
                                    .equals(first.getMetadata().getUid())
                            && controllerOf(pod(0)).equals(set.getMetadata().getUid());
                },
                () -> fleet.describe(NAME) + "\n"
                        + cluster.kubectl(null, "get", "sts,pvc", "-n", fleet.namespace)
                                .output());
        assertEquals(
                "2Gi",
                statefulSet()
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .get(0)
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toString());
        assertEquals(pod0, pod(0).getMetadata().getUid(), "adopted, not restarted");
        assertEquals(
                List.of(claim0, claim1),
                List.of(claim(0).getMetadata().getUid(), claim(1).getMetadata().getUid()));
        assertEquals(
                "1Gi",
                claim(0).getStatus().getCapacity().get("storage").toString(),
                "an existing claim keeps its size");
        List<Event> changed = events("VolumeClaimTemplatesChanged");
        assertEquals(1, changed.size(), changed::toString);
        assertEquals("Warning", changed.get(0).getType());
        assertTrue(
                changed.get(0).getMessage().contains("(data-lake-N) are kept"),
                changed.get(0).getMessage());
        assertEquals(List.of(), events("ReconcileFailed"), "the API server refused the operator nothing");
        long recreated = System.nanoTime();

        // scaled up again: pod 1 gets its claim back, its files and all, and numbers on after them
        int lastBeforeScaleUp = lastIndex(shardFiles(1));
        cluster.kubectlOk(null, "scale", "lp", NAME, "-n", fleet.namespace, "--replicas=2");
        await(
                WAIT,
                () -> pod(1) != null && lastIndex(finished(1)) > lastBeforeScaleUp + 1,
                () -> fleet.describe(NAME) + "\nshard 1: " + shardFiles(1));
        assertEquals(claim1, claim(1).getMetadata().getUid());
        assertEquals(scaledDown, keep(sizes(finished(1)), scaledDown));
        long rows = rows(1);
        assertTrue(rows > rowsOfShard1, rows + " rows of shard 1, earlier " + rowsOfShard1);
        long up = System.nanoTime();

        // deleted: the claims stay (whenDeleted: Retain) until deleted themselves, and their volumes go with them
        fleet.deleteAndAwaitGone(NAME);
        Path volume0 = cluster.claimVolume(fleet.namespace, "data-" + NAME + "-0");
        assertEquals(2, claims().size(), claims()::toString);
        cluster.kubectlOk(null, "delete", "pvc", "-l", "loadfleet.io/profile=" + NAME, "-n", fleet.namespace);
        await(WAIT, () -> claims().isEmpty() && !Files.exists(volume0), () -> "volume " + volume0 + " still there");
        System.out.printf(
                Locale.ROOT,
                "real file claims: running in %.1f s, pod 1 back on its claim in %.1f s (%d rows in shard 1), scaled "
                        + "down in %.1f s, StatefulSet recreated in %.1f s, scaled up in %.1f s (%d rows), claims "
                        + "gone in %.1f s; %.1f s in all%n",
                seconds(start, running),
                seconds(running, restarted),
                rowsOfShard1,
                seconds(restarted, down),
                seconds(down, recreated),
                seconds(recreated, up),
                rows,
                seconds(up, System.nanoTime()),
                seconds(start, System.nanoTime()));
    }

    static String profile(int replicas, String size) {
        return PROFILE.replace("REPLICAS", Integer.toString(replicas)).replace("SIZE", size);
    }

    StatefulSet statefulSet() {
        return fleet.admin
                .apps()
                .statefulSets()
                .inNamespace(fleet.namespace)
                .withName(NAME)
                .get();
    }

    /** The live pod of this ordinal, or null. */
    Pod pod(int ordinal) {
        Pod pod = fleet.admin
                .pods()
                .inNamespace(fleet.namespace)
                .withName(NAME + "-" + ordinal)
                .get();
        return pod == null || pod.getMetadata().getDeletionTimestamp() != null ? null : pod;
    }

    PersistentVolumeClaim claim(int ordinal) {
        return fleet.admin
                .persistentVolumeClaims()
                .inNamespace(fleet.namespace)
                .withName("data-" + NAME + "-" + ordinal)
                .get();
    }

    List<PersistentVolumeClaim> claims() {
        return fleet.admin
                .persistentVolumeClaims()
                .inNamespace(fleet.namespace)
                .withLabel("loadfleet.io/profile", NAME)
                .list()
                .getItems();
    }

    /** The directory pod {@code ordinal} writes (shard = ordinal) on its claim, once the claim is bound. */
    Path lake(int ordinal) {
        PersistentVolumeClaim claim = claim(ordinal);
        return claim == null || !"Bound".equals(claim.getStatus().getPhase())
                ? null
                : cluster.claimVolume(fleet.namespace, claim.getMetadata().getName())
                        .resolve(NAME);
    }

    /** The shard's finished Parquet files, in roll order. */
    List<Path> finished(int shard) {
        Path lake = lake(shard);
        try {
            return lake == null || !Files.isDirectory(lake)
                    ? List.of()
                    : StoredRows.files(lake, shard, FileFormat.PARQUET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All the shard's files, finished or not (shard-SSSS-NNNNN.parquet[.inprogress]). */
    List<Path> shardFiles(int shard) {
        Path lake = lake(shard);
        String prefix = String.format(Locale.ROOT, "shard-%04d-", shard);
        try (Stream<Path> files = lake == null || !Files.isDirectory(lake) ? Stream.empty() : Files.list(lake)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long rows(int shard) throws IOException {
        return StoredRows.shard(lake(shard), shard, FileFormat.PARQUET, SCHEMA).size();
    }

    /** NNNNN of shard-SSSS-NNNNN.parquet[.inprogress]. */
    static int index(Path file) {
        return Integer.parseInt(
                file.getFileName().toString().substring("shard-0000-".length(), "shard-0000-".length() + 5));
    }

    static int lastIndex(List<Path> files) {
        return files.stream().mapToInt(FileClaimsIT::index).max().orElse(-1);
    }

    static Map<String, Long> sizes(List<Path> files) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        for (Path f : files) {
            sizes.put(f.getFileName().toString(), Files.size(f));
        }
        return sizes;
    }

    /** Those of {@code sizes} that {@code names} holds. */
    static Map<String, Long> keep(Map<String, Long> sizes, Map<String, Long> names) {
        Map<String, Long> kept = new TreeMap<>(sizes);
        kept.keySet().retainAll(names.keySet());
        return kept;
    }

    static String controllerOf(Pod pod) {
        return pod == null
                ? ""
                : pod.getMetadata().getOwnerReferences().stream()
                        .filter(o -> Boolean.TRUE.equals(o.getController()))
                        .map(OwnerReference::getUid)
                        .findFirst()
                        .orElse("");
    }

    List<Event> events(String reason) {
        return fleet.admin.v1().events().inNamespace(fleet.namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())
                        && NAME.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
