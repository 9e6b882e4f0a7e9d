package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** SASL authentication by user name and password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SaslSpec {
    @JsonPropertyDescription("sasl.mechanism: PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512.")
    @Required
    private SaslMechanism mechanism;

    @JsonPropertyDescription("Secret with the user name and password.")
    @Required
    private PasswordSecretRef secretRef;

    public SaslMechanism getMechanism() { return mechanism; }
    public void setMechanism(SaslMechanism mechanism) { this.mechanism = mechanism; }
    public PasswordSecretRef getSecretRef() { return secretRef; }
    public void setSecretRef(PasswordSecretRef secretRef) { this.secretRef = secretRef; }
}
