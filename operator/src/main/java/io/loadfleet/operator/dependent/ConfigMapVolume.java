package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.OperatorVolumes;
import java.util.List;

/**
 * A dataset's ConfigMap key, as a read-only volume of the worker pods at
 * {@link ConfigMapKeyRef#POD_DIR}/NAME/KEY, where workers look for it. (An avro-schema's ConfigMap
 * is read by the operator instead, which checks its rules and hands it to the pods inline.)
 */
record ConfigMapVolume(ConfigMapKeyRef ref) {

    static List<ConfigMapVolume> of(GeneratorSpec generator) {
        return generator.getDataset() == null || generator.getDataset().getConfigMapRef() == null
                ? List.of()
                : List.of(new ConfigMapVolume(generator.getDataset().getConfigMapRef()));
    }

    Volume volume() {
        return new VolumeBuilder()
                .withName(OperatorVolumes.DATASET)
                .withNewConfigMap()
                .withName(ref.getName())
                .withItems(new KeyToPath(ref.getKey(), null, ref.getKey()))
                // optional: a missing ConfigMap or key starts the pod anyway, and the worker's own message
                // ("no readable file ...") reaches the LoadProfile's status instead of a pod stuck creating
                .withOptional(true)
                .endConfigMap()
                .build();
    }

    VolumeMount mount() {
        return new VolumeMountBuilder()
                .withName(OperatorVolumes.DATASET)
                .withMountPath(ConfigMapKeyRef.POD_DIR + "/" + ref.getName())
                .withReadOnly(true)
                .build();
    }
}
