package io.loadfleet.worker.generate.input;

import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.worker.secret.SecretFiles;
import java.nio.file.Path;

/**
 * Where a generator's inputs are found: ConfigMap keys as DIR/NAME/KEY (a pod's mounted ConfigMaps,
 * or {@code --config-maps-dir} locally) and Secret keys (S3 credentials).
 */
public record GeneratorInputs(Path configMapsDir, SecretFiles secrets) {

    /** The file of a ConfigMap key. */
    public Path configMapFile(ConfigMapKeyRef ref) {
        return configMapsDir.resolve(ref.getName()).resolve(ref.getKey());
    }
}
