package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The record shapes a fleet can generate: five built in, and two the user describes. */
public enum GeneratorType {
    @JsonProperty("smart-meter")
    SMART_METER("smart-meter"),
    @JsonProperty("iot-sensor")
    IOT_SENSOR("iot-sensor"),
    @JsonProperty("transaction")
    TRANSACTION("transaction"),
    @JsonProperty("gaming-bet")
    GAMING_BET("gaming-bet"),
    @JsonProperty("temperature")
    TEMPERATURE("temperature"),
    /** Rows of the user's dataset (generator.dataset). */
    @JsonProperty("dataset")
    DATASET("dataset"),
    /** The user's Avro schema with field rules (generator.avroSchema). */
    @JsonProperty("avro-schema")
    AVRO_SCHEMA("avro-schema");

    private final String id;

    GeneratorType(String id) {
        this.id = id;
    }

    /** The name used in LoadProfile YAML and on the command line, e.g. {@code smart-meter}. */
    public String id() {
        return id;
    }

    /** Whether loadfleet ships this shape's schema, so it needs nothing but its name. */
    public boolean builtIn() {
        return this != DATASET && this != AVRO_SCHEMA;
    }

    /** The shapes loadfleet ships, in declaration order. */
    public static java.util.List<GeneratorType> builtIns() {
        return java.util.Arrays.stream(values()).filter(GeneratorType::builtIn).toList();
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
