package io.loadfleet.api.spec;

/**
 * One key of a Kubernetes Secret that a sink reads at connect time. In a pod the Secret is
 * mounted at SECRETS_DIR/{@code secret}, so the value is the file SECRETS_DIR/{@code secret}/{@code key};
 * a local run finds it at the same place under {@code --secrets-dir}.
 *
 * @param field  the spec field naming the key, for error messages, e.g. {@code spec.sink.kafka.security.sasl.secretRef.passwordKey}
 * @param secret the Secret's name
 * @param key    the key in the Secret
 */
public record SecretFile(String field, String secret, String key) {
}
