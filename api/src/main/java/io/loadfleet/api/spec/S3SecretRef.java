package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret holding an access key pair for an S3-compatible store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3SecretRef {
    @JsonPropertyDescription("Name of a Secret in the LoadProfile's namespace.")
    @Required
    @Pattern(Limits.SECRET_NAME_PATTERN)
    @Size(max = Limits.MAX_SECRET_NAME_LENGTH)
    private String name;

    @JsonPropertyDescription("Key of the access key id in the Secret. Default accessKeyId.")
    @Pattern(Limits.SECRET_KEY_PATTERN)
    private String accessKeyIdKey;

    @JsonPropertyDescription("Key of the secret access key in the Secret. Default secretAccessKey.")
    @Pattern(Limits.SECRET_KEY_PATTERN)
    private String secretAccessKeyKey;

    public String effectiveAccessKeyIdKey() {
        return accessKeyIdKey == null ? "accessKeyId" : accessKeyIdKey;
    }

    public String effectiveSecretAccessKeyKey() {
        return secretAccessKeyKey == null ? "secretAccessKey" : secretAccessKeyKey;
    }

    /** The access key id's Secret key, named in messages as {@code at}.accessKeyIdKey, {@code at} being this field's path. */
    public SecretFile accessKeyIdFile(String at) {
        return new SecretFile(at + ".accessKeyIdKey", name, effectiveAccessKeyIdKey());
    }

    /** The secret access key's Secret key, named in messages as {@code at}.secretAccessKeyKey. */
    public SecretFile secretAccessKeyFile(String at) {
        return new SecretFile(at + ".secretAccessKeyKey", name, effectiveSecretAccessKeyKey());
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAccessKeyIdKey() {
        return accessKeyIdKey;
    }

    public void setAccessKeyIdKey(String accessKeyIdKey) {
        this.accessKeyIdKey = accessKeyIdKey;
    }

    public String getSecretAccessKeyKey() {
        return secretAccessKeyKey;
    }

    public void setSecretAccessKeyKey(String secretAccessKeyKey) {
        this.secretAccessKeyKey = secretAccessKeyKey;
    }
}
