package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** HTTP Basic credentials for the schema registry (Confluent Cloud's API key and secret, an ingress's basic auth). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegistryAuthSpec {
    static final String AT = "spec.sink.kafka.schemaRegistry.basicAuth.secretRef.";

    @JsonPropertyDescription("Secret with the user name (or API key) and the password (or API secret).")
    @Required
    private PasswordSecretRef secretRef;

    /** Where the user name is; for a validated spec. */
    public SecretFile usernameFile() {
        return new SecretFile(AT + "usernameKey", secretRef.getName(), secretRef.effectiveUsernameKey());
    }

    /** Where the password is; for a validated spec. */
    public SecretFile passwordFile() {
        return new SecretFile(AT + "passwordKey", secretRef.getName(), secretRef.effectivePasswordKey());
    }

    public PasswordSecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(PasswordSecretRef secretRef) {
        this.secretRef = secretRef;
    }
}
