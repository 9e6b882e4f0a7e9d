package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Faults injected on purpose into what the fleet sends, to test how a pipeline copes with duplicates, disorder
 * and late data. A record gets at most one fault: one draw per record from a random stream of (seed, shard,
 * sequence), apart from the record's content, so a replay injects the same faults into the same records. Every
 * injected record says so in its identity, a header (Kafka) or property (Pulsar) {@code loadfleet.injected},
 * which verification counts apart from real loss, duplication and disorder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = FaultsSpec.CEL_FRACTIONS + " <= " + FaultsSpec.MAX_FRACTION_SUM,
        message = "spec.faults: the fractions of duplicates, outOfOrder and late add up to more than 1: a record "
                + "gets at most one fault; lower them")
public class FaultsSpec {
    /** A pod holds at most this many late records at once (late.fraction × rate per pod × late.delay). */
    public static final long MAX_HELD_RECORDS = 100_000;
    /** The longest maxShift and delay, as CEL's {@code duration()} and {@link Durations} read it. */
    public static final String MAX_DURATION = "1h";
    /** The fractions' sum at most: 1, and the rounding error of adding three doubles such as 0.1 + 0.2 + 0.7. */
    public static final double MAX_FRACTION_SUM = 1.000000001;

    /** CEL: the three fractions added up, each 0 when left out (the schema refuses a missing fraction). */
    static final String CEL_FRACTIONS = "(has(self.duplicates) ? self.duplicates : 0.0)"
            + " + (has(self.outOfOrder) && has(self.outOfOrder.fraction) ? self.outOfOrder.fraction : 0.0)"
            + " + (has(self.late) && has(self.late.fraction) ? self.late.fraction : 0.0)";

    /**
     * CEL on a duration field: above 0 and at most {@link #MAX_DURATION}. Text the schema's pattern refuses passes,
     * so only the pattern's error shows (and {@code duration()} never sees it); the pattern is written without
     * backslashes, which a CEL string literal would take for escapes.
     */
    static final String CEL_UP_TO_MAX_DURATION = "!self.matches('^([0-9]+(ms|h|m|s))+$') || (!self.matches('"
            + Durations.CEL_ZERO + "') && duration(self) <= duration('" + MAX_DURATION + "'))";

    @JsonPropertyDescription("Share of records sent twice, 0 to 1, e.g. 0.001: right after such a record, an exact "
            + "copy (key, value, identity) marked loadfleet.injected: duplicate. The copies come on top of "
            + "targetRate. Default 0.")
    @Min(0)
    @Max(1)
    private Double duplicates;

    @JsonPropertyDescription("Records sent on time with their event time shifted back (the record's timestamp "
            + "field, and the Kafka timestamp or Pulsar event time), marked loadfleet.injected: out-of-order.")
    private OutOfOrderFaultSpec outOfOrder;

    @JsonPropertyDescription("Records held back and sent a while after they were due, among later records, with "
            + "their own event time, marked loadfleet.injected: late.")
    private LateFaultSpec late;

    public Double getDuplicates() {
        return duplicates;
    }

    public void setDuplicates(Double duplicates) {
        this.duplicates = duplicates;
    }

    public OutOfOrderFaultSpec getOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(OutOfOrderFaultSpec outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public LateFaultSpec getLate() {
        return late;
    }

    public void setLate(LateFaultSpec late) {
        this.late = late;
    }

    /** duplicates, 0 when left out. */
    @JsonIgnore
    public double effectiveDuplicates() {
        return duplicates == null ? 0 : duplicates;
    }

    /** outOfOrder.fraction, 0 without outOfOrder; for a validated spec. */
    @JsonIgnore
    public double effectiveOutOfOrder() {
        return outOfOrder == null ? 0 : outOfOrder.getFraction();
    }

    /** late.fraction, 0 without late; for a validated spec. */
    @JsonIgnore
    public double effectiveLate() {
        return late == null ? 0 : late.getFraction();
    }

    /**
     * How many records a pod sending {@code ratePerPod} msg/s holds back at once: late.fraction × rate × late.delay
     * (on average; the binomial spread around it is a square root of it). Each keeps its key and value bytes in the
     * pod's memory until it is sent. For a validated spec.
     */
    public double heldRecords(long ratePerPod) {
        return late == null
                ? 0
                : effectiveLate() * ratePerPod * (late.effectiveDelay().toMillis() / 1000.0);
    }
}
