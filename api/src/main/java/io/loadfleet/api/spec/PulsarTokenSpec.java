package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Pulsar token authentication (AuthenticationToken): a JWT read from a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PulsarTokenSpec {
    @JsonPropertyDescription("Secret with the token. It is read again whenever the client authenticates, so a "
            + "rotated Secret takes effect without a restart.")
    @Required
    private TokenSecretRef secretRef;

    /** Where the token is; for a validated spec. */
    public SecretFile tokenFile() {
        return new SecretFile(
                "spec.sink.pulsar.auth.token.secretRef.key", secretRef.getName(), secretRef.effectiveKey());
    }

    public TokenSecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(TokenSecretRef secretRef) {
        this.secretRef = secretRef;
    }
}
