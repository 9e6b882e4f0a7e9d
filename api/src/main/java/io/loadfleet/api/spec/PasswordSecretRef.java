package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret holding a user name and a password (e.g. made with kubectl create secret generic NAME --from-literal=...). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PasswordSecretRef {
    @JsonPropertyDescription("Name of a Secret in the LoadProfile's namespace.")
    @Required
    @Pattern(Limits.SECRET_NAME_PATTERN)
    @Size(max = Limits.MAX_SECRET_NAME_LENGTH)
    private String name;

    @JsonPropertyDescription("Key of the user name in the Secret. Default username.")
    @Pattern(Limits.SECRET_KEY_PATTERN)
    private String usernameKey;

    @JsonPropertyDescription("Key of the password in the Secret. Default password.")
    @Pattern(Limits.SECRET_KEY_PATTERN)
    private String passwordKey;

    public String effectiveUsernameKey() {
        return usernameKey == null ? "username" : usernameKey;
    }

    public String effectivePasswordKey() {
        return passwordKey == null ? "password" : passwordKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUsernameKey() {
        return usernameKey;
    }

    public void setUsernameKey(String usernameKey) {
        this.usernameKey = usernameKey;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }
}
