package io.loadfleet.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.read.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec.worker's volumes, mounts and claim templates, each problem named by its spec.worker field; and a file sink's
 * path in a cluster, which a writable mount of them may hold instead of /tmp.
 */
class WorkerVolumesValidatorTest {
    private static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: lake}
            spec:
              targetRate: 100
              devices: {count: 10}
              generator: {type: iot-sensor}
              sink: {file: {path: PATH, format: parquet}}
              worker:
            """;
    private static final String CLAIM = """
                volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """;

    private static List<String> problems(String path, String worker, boolean inCluster) throws Exception {
        LoadProfile profile = new ObjectMapper(new YAMLFactory())
                .readValue(PROFILE.replace("PATH", path) + worker, LoadProfile.class);
        List<Problem> problems =
                inCluster ? ProfileValidator.validateForCluster(profile) : ProfileValidator.validate(profile);
        return problems.stream().map(Problem::toString).toList();
    }

    private static List<String> problems(String worker) throws Exception {
        return problems("/tmp/out", worker, false);
    }

    @Test
    void aClaimTemplateAndASharedClaimMountedApartAreValid() throws Exception {
        assertEquals(List.of(), problems(CLAIM + """
                            volumes: [{name: shared, persistentVolumeClaim: {claimName: lake-shared}}]
                            volumeMounts:
                              - {name: data, mountPath: /data}
                              - {name: shared, mountPath: /data/shared, readOnly: true}
                              - {name: data, mountPath: /var/lib/lake, subPath: lake}
                        """));
    }

    @Test
    void theExampleWithAClaimPerPodIsValidInACluster() throws Exception {
        LoadProfile example = ProfileLoader.parse(
                Files.readString(Path.of("..", "deploy", "examples", "iot-sensor-parquet-pvc.yaml")));
        assertEquals(List.of(), ProfileValidator.validateForCluster(example));
        assertEquals(1, example.getSpec().getWorker().getVolumeClaimTemplates().size());
    }

    @Test
    void namesAreRequiredWellFormedTheirOwnAndNotTheOperators() throws Exception {
        assertEquals(
                List.of(
                        "spec.worker.volumes[0].name: is required: the volume's name, for volumeMounts",
                        "spec.worker.volumes[1].name: \"Data\" is not a volume name: use lower-case letters, digits "
                                + "and '-', starting and ending with a letter or digit, at most 63 characters",
                        "spec.worker.volumes[2].name: \"secret-0\" is the name of one of the operator's volumes "
                                + "(config, tmp, dataset, secret-N): choose another",
                        "spec.worker.volumes[3].name: \"config\" is the name of one of the operator's volumes "
                                + "(config, tmp, dataset, secret-N): choose another",
                        "spec.worker.volumeClaimTemplates[0].metadata.name: \"data\" is also the name of another of "
                                + "spec.worker.volumes or volumeClaimTemplates: give each its own",
                        "spec.worker.volumeClaimTemplates[1].metadata.name: is required: the volume's name, for "
                                + "volumeMounts"),
                problems("""
                            volumes:
                              - {emptyDir: {}}
                              - {name: Data, emptyDir: {}}
                              - {name: secret-0, emptyDir: {}}
                              - {name: config, emptyDir: {}}
                              - {name: data, emptyDir: {}}
                            volumeClaimTemplates:
                              - metadata: {name: data}
                              - spec: {accessModes: [ReadWriteOnce]}
                        """));
        // secret-N only: "secrets" or "secret-a" are free for the user
        assertEquals(List.of(), problems("""
                            volumes: [{name: secrets, emptyDir: {}}, {name: secret-a, emptyDir: {}}]
                        """));
    }

    @Test
    void mountsNameAVolumeOfTheirOwnAtAnAbsolutePathApartFromTheOperatorsMounts() throws Exception {
        assertEquals(
                List.of(
                        "spec.worker.volumeMounts[0].name: \"tmp\" names no volume of spec.worker.volumes or "
                                + "volumeClaimTemplates (the operator's own volumes are not for mounting elsewhere)",
                        "spec.worker.volumeMounts[0].mountPath: \"/tmp\" overlaps the operator's mount /tmp: mount "
                                + "outside /etc/loadfleet, /tmp, /var/run/secrets/loadfleet, e.g. at /data",
                        "spec.worker.volumeMounts[1].name: \"files\" names no volume of spec.worker.volumes or "
                                + "volumeClaimTemplates",
                        "spec.worker.volumeMounts[1].mountPath: \"data\" is not an absolute path: give one such as /data",
                        "spec.worker.volumeMounts[2].name: is required: the name of one of spec.worker.volumes or "
                                + "volumeClaimTemplates",
                        "spec.worker.volumeMounts[2].mountPath: is required: an absolute path in the worker "
                                + "container, e.g. /data",
                        "spec.worker.volumeMounts[3].mountPath: \"/etc\" overlaps the operator's mount "
                                + "/etc/loadfleet: mount outside /etc/loadfleet, /tmp, /var/run/secrets/loadfleet, e.g. "
                                + "at /data",
                        "spec.worker.volumeMounts[4].mountPath: \"/var/run/secrets/loadfleet/x\" overlaps the "
                                + "operator's mount /var/run/secrets/loadfleet: mount outside /etc/loadfleet, /tmp, "
                                + "/var/run/secrets/loadfleet, e.g. at /data",
                        "spec.worker.volumeMounts[6].mountPath: \"/data/\" is also the mountPath of another volume "
                                + "mount: give each its own"),
                problems(CLAIM + """
                            volumeMounts:
                              - {name: tmp, mountPath: /tmp}
                              - {name: files, mountPath: data}
                              - {}
                              - {name: data, mountPath: /etc}
                              - {name: data, mountPath: /var/run/secrets/loadfleet/x}
                              - {name: data, mountPath: /data}
                              - {name: data, mountPath: /data/}
                        """));
    }

    @Test
    void inAClusterAFileSinkMayWriteUnderAWritableMountOfItsOwn() throws Exception {
        String claimAtData = CLAIM + "    volumeMounts: [{name: data, mountPath: /data}]\n";
        for (String path : List.of("/data", "/data/lake", "/data/./lake/../lake", "/tmp/lake")) {
            assertEquals(List.of(), problems(path, claimAtData, true), path);
        }
        String refused = "\" cannot be written in a cluster: the worker pods' root file system is read-only; use a "
                + "path under /tmp (their emptyDir volume, e.g. /tmp/out) or under a writable mountPath of "
                + "spec.worker.volumeMounts (a volumeClaimTemplates claim keeps the files when pods go)";
        for (String path : List.of("/data2/lake", "/data/../lake", "data/lake")) {
            assertEquals(List.of("spec.sink.file.path: \"" + path + refused), problems(path, claimAtData, true), path);
        }
        // read-only, whether the mount says so or its kind of volume always is
        for (String worker : List.of(
                CLAIM + "    volumeMounts: [{name: data, mountPath: /data, readOnly: true}]\n",
                "    volumes: [{name: data, configMap: {name: c}}]\n    volumeMounts: [{name: data, mountPath: /data}]\n",
                "    volumes: [{name: data, secret: {secretName: s}}]\n    volumeMounts: [{name: data, mountPath: /data}]\n",
                "    volumes: [{name: data, projected: {sources: []}}]\n    volumeMounts: [{name: data, mountPath: /data}]\n",
                "    volumes: [{name: data, downwardAPI: {items: []}}]\n    volumeMounts: [{name: data, mountPath: /data}]\n")) {
            assertEquals(List.of("spec.sink.file.path: \"/data/lake" + refused), problems("/data/lake", worker, true));
        }
        // any other volume a user mounts writable (a shared claim, nfs, csi ...) is the user's to vouch for
        assertEquals(
                List.of(),
                problems(
                        "/data/lake",
                        "    volumes: [{name: data, nfs: {server: nfs, path: /exports}}]\n"
                                + "    volumeMounts: [{name: data, mountPath: /data}]\n",
                        true));
        // a local run writes wherever it is told
        assertEquals(List.of(), problems("/data2/lake", claimAtData, false));
    }
}
