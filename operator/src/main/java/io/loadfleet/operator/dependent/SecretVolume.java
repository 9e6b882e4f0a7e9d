package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.loadfleet.api.spec.OperatorVolumes;
import io.loadfleet.api.spec.SecretFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Secret the sink or generator names, as a read-only volume of the worker pods at {@link SecretFile#POD_DIR}/NAME
 * holding only the keys the sink reads. The kubelet mounts it: the operator never reads a Secret,
 * so its values never pass through it, its logs, the ConfigMap or the LoadProfile's status.
 *
 * @param index  its place among the fleet's Secret volumes, for a volume name that fits any Secret name
 * @param secret the Secret's name
 * @param keys   the keys mounted, each as a file of its own name
 */
record SecretVolume(int index, String secret, Set<String> keys) {
    /** Readable by the owner (root) and the pod's fsGroup (the worker's group), no one else. */
    static final int MODE = 0440;

    /** One volume per Secret the spec names (sink, then generator), in the order it names them. */
    static List<SecretVolume> of(List<SecretFile> files) {
        Map<String, Set<String>> keysOfSecret = new LinkedHashMap<>();
        for (SecretFile file : files) {
            keysOfSecret
                    .computeIfAbsent(file.secret(), s -> new LinkedHashSet<>())
                    .add(file.key());
        }
        List<SecretVolume> volumes = new ArrayList<>();
        keysOfSecret.forEach((secret, keys) -> volumes.add(new SecretVolume(volumes.size(), secret, keys)));
        return volumes;
    }

    String volumeName() {
        return OperatorVolumes.SECRET_PREFIX + index;
    }

    Volume volume() {
        return new VolumeBuilder()
                .withName(volumeName())
                .withNewSecret()
                .withSecretName(secret)
                .withItems(keys.stream().map(k -> new KeyToPath(k, null, k)).toList())
                .withDefaultMode(MODE)
                .endSecret()
                .build();
    }

    VolumeMount mount() {
        return new VolumeMountBuilder()
                .withName(volumeName())
                .withMountPath(SecretFile.POD_DIR + "/" + secret)
                .withReadOnly(true)
                .build();
    }
}
