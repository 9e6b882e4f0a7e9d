package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret holding the PEM certificate(s) of the CA that signed the broker's certificate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CaSecretRef {
    @JsonPropertyDescription("Name of a Secret in the LoadProfile's namespace.")
    @Required
    @Pattern(Limits.SECRET_NAME_PATTERN)
    @Size(max = Limits.MAX_SECRET_NAME_LENGTH)
    private String name;

    @JsonPropertyDescription(
            "Key of the PEM CA certificate(s) in the Secret. Default ca.crt (as cert-manager and Strimzi write it).")
    @Pattern(Limits.SECRET_KEY_PATTERN)
    private String caKey;

    public String effectiveCaKey() {
        return caKey == null ? "ca.crt" : caKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCaKey() {
        return caKey;
    }

    public void setCaKey(String caKey) {
        this.caKey = caKey;
    }
}
