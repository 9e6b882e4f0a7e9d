package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret holding a token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenSecretRef {
    @JsonPropertyDescription("Name of a Secret in the LoadProfile's namespace.")
    @Required
    @Pattern(Limits.SECRET_NAME_PATTERN)
    @Size(max = Limits.MAX_SECRET_NAME_LENGTH)
    private String name;

    @JsonPropertyDescription("Key of the token in the Secret. Default token.")
    @Pattern(Limits.SECRET_KEY_PATTERN)
    private String key;

    public String effectiveKey() {
        return key == null ? "token" : key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
