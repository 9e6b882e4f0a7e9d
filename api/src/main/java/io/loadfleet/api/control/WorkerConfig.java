package io.loadfleet.api.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.FaultsSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.api.spec.TracingSpec;

/**
 * A worker pod's static configuration, mounted from the fleet's ConfigMap: what to generate and
 * where to send it. Changing it rolls the pods; rates and ranges are never in it.
 *
 * @param profile   metadata.name of the LoadProfile, sent in every record's headers
 * @param tracing   which records carry a trace context; null for none
 * @param traffic   how records spread over devices and time; null for round robin at a constant pace
 * @param faults    the faults injected on purpose; null for none
 */
@JsonInclude(
        JsonInclude.Include
                .NON_NULL) // a profile without tracing, a traffic shape or faults keeps the config (and pods) it had
public record WorkerConfig(
        String profile,
        GeneratorSpec generator,
        Format format,
        SinkSpec sink,
        TracingSpec tracing,
        TrafficShape traffic,
        FaultsSpec faults) {

    /** The static part of a profile. */
    public static WorkerConfig of(LoadProfile profile) {
        return new WorkerConfig(
                profile.getMetadata().getName(),
                profile.getSpec().getGenerator(),
                profile.getSpec().effectiveFormat(),
                profile.getSpec().getSink(),
                profile.getSpec().getTracing(),
                TrafficShape.of(profile.getSpec()),
                profile.getSpec().getFaults());
    }

    /** This configuration with another generator, e.g. one whose schema the operator read from a ConfigMap. */
    public WorkerConfig withGenerator(GeneratorSpec generator) {
        return new WorkerConfig(profile, generator, format, sink, tracing, traffic, faults);
    }
}
