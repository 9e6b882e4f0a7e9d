package io.loadfleet.worker.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.LoadProfileSpec;
import java.io.UncheckedIOException;

/**
 * The run's settings that the summary does not already carry.
 *
 * @param duration the run's duration as given (spec.duration or --duration); null: until stopped
 * @param devices  size of the device pool
 * @param seed     the generator's seed
 * @param spec     the effective spec (overrides applied) as YAML, producer property values hidden
 */
public record ReportSettings(String duration, long devices, long seed, String spec) {
    private static final String HIDDEN = "(hidden)";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public static ReportSettings of(LoadProfile profile) {
        LoadProfileSpec spec = profile.getSpec();
        return new ReportSettings(
                spec.getDuration(),
                spec.getDevices().getCount(),
                spec.getGenerator().effectiveSeed(),
                yaml(spec));
    }

    /** A report gets passed around: sink properties may hold credentials (sasl.jaas.config, authParams). */
    private static String yaml(LoadProfileSpec spec) {
        JsonNode tree = YAML.valueToTree(spec);
        for (JsonNode sink : tree.path("sink")) {
            if (sink.get("properties") instanceof ObjectNode properties) {
                properties.fields().forEachRemaining(property -> property.setValue(TextNode.valueOf(HIDDEN)));
            }
        }
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
