package io.loadfleet.api.validation;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.OperatorVolumes;
import io.loadfleet.api.spec.WorkerSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * spec.worker's volumes, volumeMounts and volumeClaimTemplates, by their own field names: what the API server would
 * refuse in the StatefulSet (a mount naming no volume, two volumes of one name), and what it would accept but
 * break (a claim template silently replacing the volume of its name, a mount over the operator's /tmp). What
 * each volume source holds is left to the API server.
 */
final class WorkerVolumesValidator {
    private static final Pattern VOLUME_NAME = Pattern.compile(LoadProfile.NAME_PATTERN);
    private static final int MAX_VOLUME_NAME_LENGTH = 63;
    private static final String OPERATOR_MOUNTS = String.join(", ", OperatorVolumes.MOUNT_PATHS);

    private WorkerVolumesValidator() {}

    static void validate(List<Problem> problems, WorkerSpec worker) {
        if (worker == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < worker.getVolumes().size(); i++) {
            Volume volume = worker.getVolumes().get(i);
            name(problems, "spec.worker.volumes[" + i + "].name", volume == null ? null : volume.getName(), names);
        }
        for (int i = 0; i < worker.getVolumeClaimTemplates().size(); i++) {
            PersistentVolumeClaim claim = worker.getVolumeClaimTemplates().get(i);
            String name = claim == null || claim.getMetadata() == null
                    ? null
                    : claim.getMetadata().getName();
            name(problems, "spec.worker.volumeClaimTemplates[" + i + "].metadata.name", name, names);
        }
        Set<Path> mountPaths = new HashSet<>();
        for (int i = 0; i < worker.getVolumeMounts().size(); i++) {
            VolumeMount mount = worker.getVolumeMounts().get(i);
            String at = "spec.worker.volumeMounts[" + i + "]";
            if (mount == null || mount.getName() == null) {
                problems.add(new Problem(
                        at + ".name", "is required: the name of one of spec.worker.volumes or volumeClaimTemplates"));
            } else if (!names.contains(mount.getName())) {
                problems.add(new Problem(
                        at + ".name",
                        "\"" + mount.getName() + "\" names no volume of spec.worker.volumes or volumeClaimTemplates"
                                + (OperatorVolumes.reserved(mount.getName())
                                        ? " (the operator's own volumes are not for mounting elsewhere)"
                                        : "")));
            }
            mountPath(problems, at + ".mountPath", mount == null ? null : mount.getMountPath(), mountPaths);
        }
    }

    /**
     * Whether {@code path} is on a volume of spec.worker that the worker container can write: at or under the
     * mountPath of a mount that is not read-only, of a claim template or a volume that is not one of the kinds
     * Kubernetes always mounts read-only.
     */
    static boolean onWritableMount(String path, WorkerSpec worker) {
        if (worker == null) {
            return false;
        }
        Optional<Path> target = absolute(path);
        if (target.isEmpty()) {
            return false;
        }
        Map<String, Volume> volumes = new HashMap<>();
        worker.getVolumes().stream()
                .filter(v -> v != null && v.getName() != null)
                .forEach(v -> volumes.put(v.getName(), v));
        return worker.getVolumeMounts().stream()
                .filter(m -> m != null && !Boolean.TRUE.equals(m.getReadOnly()))
                .filter(m -> volumes.containsKey(m.getName())
                        ? !alwaysReadOnly(volumes.get(m.getName()))
                        : claimNames(worker).contains(m.getName()))
                .map(m -> absolute(m.getMountPath()))
                .flatMap(Optional::stream)
                .anyMatch(mountPath -> target.get().startsWith(mountPath));
    }

    private static void name(List<Problem> problems, String at, String name, Set<String> names) {
        if (name == null || name.isEmpty()) {
            problems.add(new Problem(at, "is required: the volume's name, for volumeMounts"));
        } else if (name.length() > MAX_VOLUME_NAME_LENGTH
                || !VOLUME_NAME.matcher(name).matches()) {
            problems.add(new Problem(
                    at,
                    "\"" + name + "\" is not a volume name: use lower-case letters, digits and '-', starting and "
                            + "ending with a letter or digit, at most " + MAX_VOLUME_NAME_LENGTH + " characters"));
        } else if (OperatorVolumes.reserved(name)) {
            problems.add(new Problem(
                    at,
                    "\"" + name + "\" is the name of one of the operator's volumes (" + OperatorVolumes.CONFIG + ", "
                            + OperatorVolumes.TMP + ", " + OperatorVolumes.DATASET + ", "
                            + OperatorVolumes.SECRET_PREFIX + "N): choose another"));
        } else if (!names.add(name)) {
            // a claim template would replace a pod volume of its name in every pod, without a word
            problems.add(new Problem(
                    at,
                    "\"" + name + "\" is also the name of another of spec.worker.volumes or volumeClaimTemplates: "
                            + "give each its own"));
        }
    }

    private static void mountPath(List<Problem> problems, String at, String mountPath, Set<Path> mountPaths) {
        if (mountPath == null || mountPath.isEmpty()) {
            problems.add(new Problem(at, "is required: an absolute path in the worker container, e.g. /data"));
            return;
        }
        Optional<Path> path = absolute(mountPath);
        if (path.isEmpty()) {
            problems.add(new Problem(at, "\"" + mountPath + "\" is not an absolute path: give one such as /data"));
            return;
        }
        for (String operatorMount : OperatorVolumes.MOUNT_PATHS) {
            Path reserved = Path.of(operatorMount);
            if (path.get().startsWith(reserved) || reserved.startsWith(path.get())) {
                problems.add(new Problem(
                        at,
                        "\"" + mountPath + "\" overlaps the operator's mount " + operatorMount + ": mount outside "
                                + OPERATOR_MOUNTS + ", e.g. at /data"));
                return;
            }
        }
        if (!mountPaths.add(path.get())) {
            problems.add(new Problem(
                    at, "\"" + mountPath + "\" is also the mountPath of another volume mount: give each its own"));
        }
    }

    private static Optional<Path> absolute(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(path).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Kubernetes mounts these read-only whatever the mount says. */
    private static boolean alwaysReadOnly(Volume volume) {
        return volume.getConfigMap() != null
                || volume.getSecret() != null
                || volume.getDownwardAPI() != null
                || volume.getProjected() != null;
    }

    private static Set<String> claimNames(WorkerSpec worker) {
        Set<String> names = new HashSet<>();
        for (PersistentVolumeClaim claim : worker.getVolumeClaimTemplates()) {
            if (claim != null && claim.getMetadata() != null) {
                names.add(claim.getMetadata().getName());
            }
        }
        return names;
    }
}
