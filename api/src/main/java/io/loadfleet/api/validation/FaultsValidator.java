package io.loadfleet.api.validation;

import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.FaultsSpec;
import io.loadfleet.api.spec.LateFaultSpec;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.spec.OutOfOrderFaultSpec;
import io.loadfleet.api.spec.SinkSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * spec.faults: fractions that are probabilities of one fault each per record, durations of at most an hour, marks
 * a sink can carry, and late records a pod's memory can hold.
 */
final class FaultsValidator {
    private FaultsValidator() {}

    static void validate(List<Problem> problems, FaultsSpec faults, SinkSpec sink) {
        if (faults == null) {
            return;
        }
        if (sink != null && sink.getFile() != null) {
            problems.add(new Problem(
                    "spec.faults",
                    "does not apply to sink.file: files carry no headers to mark injected records; remove "
                            + "spec.faults or send to sink.kafka or sink.pulsar"));
        }
        boolean fractions = fraction(problems, "spec.faults.duplicates", faults.getDuplicates(), false);
        OutOfOrderFaultSpec outOfOrder = faults.getOutOfOrder();
        if (outOfOrder != null) {
            fractions &= fraction(problems, "spec.faults.outOfOrder.fraction", outOfOrder.getFraction(), true);
            duration(
                    problems,
                    "spec.faults.outOfOrder.maxShift",
                    outOfOrder.getMaxShift(),
                    OutOfOrderFaultSpec.DEFAULT_MAX_SHIFT);
        }
        LateFaultSpec late = faults.getLate();
        if (late != null) {
            fractions &= fraction(problems, "spec.faults.late.fraction", late.getFraction(), true);
            duration(problems, "spec.faults.late.delay", late.getDelay(), LateFaultSpec.DEFAULT_DELAY);
        }
        if (fractions) {
            double sum = faults.effectiveDuplicates() + faults.effectiveOutOfOrder() + faults.effectiveLate();
            if (sum > FaultsSpec.MAX_FRACTION_SUM) {
                problems.add(new Problem(
                        "spec.faults",
                        "the fractions of duplicates, outOfOrder and late add up to " + sum
                                + ", more than 1: a record gets at most one fault; lower them"));
            }
        }
    }

    /**
     * What a fleet's pods would hold of late records, for a spec whose other checks passed: at most {@link
     * FaultsSpec#MAX_HELD_RECORDS} each at the peak rate.
     */
    static void heldRecords(List<Problem> problems, LoadProfileSpec spec) {
        FaultsSpec faults = spec.getFaults();
        if (faults == null || faults.getLate() == null) {
            return;
        }
        int replicas = FleetPlan.replicasFor(spec);
        long perPod = (FleetPlan.peakRate(spec) + replicas - 1) / replicas;
        double held = faults.heldRecords(perPod);
        if (held > FaultsSpec.MAX_HELD_RECORDS) {
            problems.add(new Problem(
                    "spec.faults.late",
                    String.format(
                            Locale.ROOT,
                            "each pod would hold %,.0f late records in memory at once (fraction %s × %,d msg/s per "
                                    + "pod at the peak × delay %s), more than %,d: lower late.fraction or "
                                    + "late.delay, or add replicas",
                            held,
                            faults.getLate().getFraction(),
                            perPod,
                            Durations.format(faults.getLate().effectiveDelay()),
                            FaultsSpec.MAX_HELD_RECORDS)));
        }
    }

    /** Whether the fraction is there (or may be left out) and in [0, 1]; adds the problem when not. */
    private static boolean fraction(List<Problem> problems, String path, Double value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new Problem(path, "is required: the share of records, 0 to 1, e.g. 0.01"));
            }
            return !required;
        }
        if (!(value >= 0 && value <= 1)) {
            problems.add(
                    new Problem(path, value + " is out of range: use 0 to 1, e.g. 0.01 for one record in a hundred"));
            return false;
        }
        return true;
    }

    private static void duration(List<Problem> problems, String path, String text, Duration byDefault) {
        if (text == null) {
            return;
        }
        String example = Durations.format(byDefault);
        Duration d = Durations.parse(text).orElse(null);
        if (d == null || d.isZero() || d.compareTo(Durations.require(FaultsSpec.MAX_DURATION)) > 0) {
            problems.add(new Problem(
                    path,
                    "\"" + text + "\" is not a duration above 0 and at most " + FaultsSpec.MAX_DURATION + ": use e.g. "
                            + example + ", or leave it out for " + example));
        }
    }
}
