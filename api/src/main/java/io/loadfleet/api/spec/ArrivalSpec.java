package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/**
 * When records leave. Every process keeps the plan's rate exactly over whole windows (1 s for poisson,
 * {@code every} for bursts): each window holds the records the constant schedule has due in it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.process) || self.process != 'bursts' || has(self.size)",
        fieldPath = ".size",
        message = "spec.arrival.size: is required for process bursts: give the records each burst sends at once, "
                + "e.g. size: 20")
@ValidationRule(
        value = "(!has(self.size) && !has(self.every)) || (has(self.process) && self.process == 'bursts')",
        message = "spec.arrival: size and every are for process bursts only: set process: bursts or remove them")
public class ArrivalSpec {
    public static final int MAX_BURST_SIZE = 1_000_000;
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(1);
    public static final Duration MAX_EVERY = Duration.ofHours(1);

    @JsonPropertyDescription("constant (default): evenly spaced | poisson: random instants, each second holding "
            + "exactly its planned records | bursts: each window of `every` opens with `size` records at once.")
    private ArrivalProcess process;

    @JsonPropertyDescription("process bursts: records each burst sends at once, 1 to 1000000 (all of a window's "
            + "records when it holds fewer). Required for bursts.")
    @Min(1)
    @Max(MAX_BURST_SIZE)
    private Integer size;

    @JsonPropertyDescription("process bursts: how often a burst comes, above 0 and at most 1h: digits with ms, s, m "
            + "or h, e.g. 500ms or 1s. Default 1s.")
    @Pattern(Durations.PATTERN)
    @ValidationRule(
            value = "!self.matches('" + Durations.CEL_ZERO + "')",
            message = "spec.arrival.every: must be longer than 0: give e.g. 1s or 500ms")
    private String every;

    public ArrivalProcess getProcess() {
        return process;
    }

    public void setProcess(ArrivalProcess process) {
        this.process = process;
    }

    public Integer getSize() {
        return size;
    }

    public void setSize(Integer size) {
        this.size = size;
    }

    public String getEvery() {
        return every;
    }

    public void setEvery(String every) {
        this.every = every;
    }

    public ArrivalProcess effectiveProcess() {
        return process == null ? ArrivalProcess.CONSTANT : process;
    }

    /** every with its default applied; for a validated spec. */
    @JsonIgnore
    public Duration effectiveEvery() {
        return every == null ? DEFAULT_EVERY : Durations.require(every);
    }
}
