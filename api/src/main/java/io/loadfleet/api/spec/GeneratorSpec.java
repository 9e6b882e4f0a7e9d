package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The record shape and its random seed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratorSpec {
    public static final long DEFAULT_SEED = 1;

    @JsonPropertyDescription("The record shape: smart-meter | iot-sensor | transaction | gaming-bet | temperature.")
    @Required
    private GeneratorType type;

    @JsonPropertyDescription("Random seed: same seed, same records. Default 1.")
    private Long seed;

    public GeneratorType getType() { return type; }
    public void setType(GeneratorType type) { this.type = type; }
    public Long getSeed() { return seed; }
    public void setSeed(Long seed) { this.seed = seed; }

    public long effectiveSeed() {
        return seed == null ? DEFAULT_SEED : seed;
    }
}
