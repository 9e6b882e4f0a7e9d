package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Which CA the client trusts for the server's (a broker's, a registry's) TLS certificate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {
    @JsonPropertyDescription("Secret with the CA certificate (PEM) the server's certificate is checked against. "
            + "Without tls, TLS connections trust the JVM's default CAs.")
    @Required
    private CaSecretRef secretRef;

    /** Where the CA certificate is; for a validated spec. @param at the path of this tls block */
    public SecretFile caFile(String at) {
        return new SecretFile(at + ".secretRef.caKey", secretRef.getName(), secretRef.effectiveCaKey());
    }

    public CaSecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(CaSecretRef secretRef) {
        this.secretRef = secretRef;
    }
}
