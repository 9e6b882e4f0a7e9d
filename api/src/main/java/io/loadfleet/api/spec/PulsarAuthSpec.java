package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** How the Pulsar client authenticates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PulsarAuthSpec {
    @JsonPropertyDescription("Token authentication.")
    @Required
    private PulsarTokenSpec token;

    public PulsarTokenSpec getToken() {
        return token;
    }

    public void setToken(PulsarTokenSpec token) {
        this.token = token;
    }
}
