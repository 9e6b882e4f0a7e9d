package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** SASL authentication by user name and password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SaslSpec {
    private static final String AT = "spec.sink.kafka.security.sasl.secretRef.";

    @JsonPropertyDescription("sasl.mechanism: PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512.")
    @Required
    private SaslMechanism mechanism;

    @JsonPropertyDescription("Secret with the user name and password.")
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

    public SaslMechanism getMechanism() { return mechanism; }
    public void setMechanism(SaslMechanism mechanism) { this.mechanism = mechanism; }
    public PasswordSecretRef getSecretRef() { return secretRef; }
    public void setSecretRef(PasswordSecretRef secretRef) { this.secretRef = secretRef; }
}
