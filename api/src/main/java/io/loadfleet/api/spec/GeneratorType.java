package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The built-in record shapes a fleet can generate. */
public enum GeneratorType {
    @JsonProperty("smart-meter") SMART_METER("smart-meter"),
    @JsonProperty("iot-sensor") IOT_SENSOR("iot-sensor"),
    @JsonProperty("transaction") TRANSACTION("transaction"),
    @JsonProperty("gaming-bet") GAMING_BET("gaming-bet"),
    @JsonProperty("temperature") TEMPERATURE("temperature");

    private final String id;

    GeneratorType(String id) {
        this.id = id;
    }

    /** The name used in LoadProfile YAML and on the command line, e.g. {@code smart-meter}. */
    public String id() {
        return id;
    }

    /** Looks a type up by its YAML name; empty when there is none. */
    public static java.util.Optional<GeneratorType> byId(String id) {
        for (GeneratorType t : values()) {
            if (t.id.equals(id)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
