package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A W3C trace context on a sampled share of the records, for tracing backends to follow them through a pipeline. */
public class TracingSpec {
    @JsonPropertyDescription("Share of records that carry a W3C traceparent header (a Pulsar property), above 0 and "
            + "at most 1, e.g. 0.01 for one record in a hundred. Which records, and their trace ids, follow from the "
            + "seed, so a replay traces the same records.")
    @Required
    @ValidationRule(
            value = "self > 0.0 && self <= 1.0",
            message = "spec.tracing.sampleRatio: is out of range: use above 0 and at most 1, e.g. 0.01 for one record "
                    + "in a hundred; remove spec.tracing to trace none")
    private Double sampleRatio;

    public Double getSampleRatio() {
        return sampleRatio;
    }

    public void setSampleRatio(Double sampleRatio) {
        this.sampleRatio = sampleRatio;
    }
}
