package io.loadfleet.api.spec;

/**
 * One key of a Kubernetes Secret that a sink reads at connect time. In a pod the Secret is
 * mounted at {@link #POD_DIR}/{@code secret}, so the value is the file POD_DIR/{@code secret}/{@code key};
 * a local run finds it at the same place under {@code --secrets-dir}.
 *
 * @param field  the spec field naming the key, for error messages, e.g. {@code spec.sink.kafka.security.sasl.secretRef.passwordKey}
 * @param secret the Secret's name
 * @param key    the key in the Secret
 */
public record SecretFile(String field, String secret, String key) {
    /**
     * Where the operator mounts a fleet's Secrets and workers look for them by default: Kubernetes'
     * place for mounted credentials (beside the service account's), and not inside the config volume.
     */
    public static final String POD_DIR = "/var/run/secrets/loadfleet";
}
