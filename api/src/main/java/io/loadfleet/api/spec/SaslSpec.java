package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** SASL authentication by user name and password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.username) || !has(self.secretRef) || !has(self.secretRef.usernameKey)",
        fieldPath = ".username",
        message = "spec.sink.kafka.security.sasl.username: and sasl.secretRef.usernameKey both name the user: keep one")
public class SaslSpec {
    private static final String AT = "spec.sink.kafka.security.sasl.secretRef.";

    @JsonPropertyDescription("sasl.mechanism: PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512.")
    @Required
    private SaslMechanism mechanism;

    @JsonPropertyDescription("Secret with the password, and the user name unless username is given.")
    @Required
    private PasswordSecretRef secretRef;

    @JsonPropertyDescription("The user name, when the Secret holds only the password (as a Strimzi KafkaUser's does). "
            + "Default: the Secret's usernameKey.")
    private String username;

    /** Where the user name is, unless {@code username} gives it; for a validated spec. */
    public SecretFile usernameFile() {
        return new SecretFile(AT + "usernameKey", secretRef.getName(), secretRef.effectiveUsernameKey());
    }

    /** Where the password is; for a validated spec. */
    public SecretFile passwordFile() {
        return new SecretFile(AT + "passwordKey", secretRef.getName(), secretRef.effectivePasswordKey());
    }

    public SaslMechanism getMechanism() {
        return mechanism;
    }

    public void setMechanism(SaslMechanism mechanism) {
        this.mechanism = mechanism;
    }

    public PasswordSecretRef getSecretRef() {
        return secretRef;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public void setSecretRef(PasswordSecretRef secretRef) {
        this.secretRef = secretRef;
    }
}
