package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * One key of a ConfigMap in the LoadProfile's namespace. Pods find it at {@link #POD_DIR}/NAME/KEY;
 * a local run at the same place under {@code --config-maps-dir}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapKeyRef {
    /** Where the operator mounts the ConfigMaps a generator reads, and workers look for them by default. */
    public static final String POD_DIR = "/etc/loadfleet/configmaps";

    @JsonPropertyDescription("Name of a ConfigMap in the LoadProfile's namespace.")
    @Required
    @Pattern(Limits.SECRET_NAME_PATTERN)
    private String name;

    @JsonPropertyDescription("Key in the ConfigMap.")
    @Required
    @Pattern(Limits.SECRET_KEY_PATTERN)
    private String key;

    public ConfigMapKeyRef() {}

    public ConfigMapKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
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

    @Override
    public String toString() {
        return "ConfigMap " + name + " key " + key;
    }
}
