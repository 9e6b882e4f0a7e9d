package io.loadfleet.api.validation;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.spec.StageSpec;
import io.loadfleet.api.spec.TracingSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a LoadProfile's meaning (types were checked while reading) and lists every problem,
 * each naming its field and what is allowed. Shared by the CLI and the operator. Checks the profile's
 * name, rates, devices, stages, duration and tracing itself, and the generator, the sink, the worker pods' volumes
 * and the cluster's needs through {@link GeneratorValidator}, {@link SinkValidator}, {@link VerifyValidator}, {@link
 * FaultsValidator}, {@link WorkerVolumesValidator} and {@link ClusterValidator}.
 */
public final class ProfileValidator {
    private static final Pattern DNS_LABEL = Pattern.compile(LoadProfile.NAME_PATTERN);
    private static final int MAX_NAME_LENGTH = LoadProfile.MAX_NAME_LENGTH;

    private ProfileValidator() {}

    /** Checks the apiVersion and kind a file declares. */
    public static List<Problem> validateType(String apiVersion, String kind) {
        List<Problem> problems = new ArrayList<>();
        if (!LoadProfile.API_VERSION.equals(apiVersion)) {
            problems.add(
                    new Problem("apiVersion", "must be " + LoadProfile.API_VERSION + " (found " + apiVersion + ")"));
        }
        if (!LoadProfile.KIND.equals(kind)) {
            problems.add(new Problem("kind", "must be " + LoadProfile.KIND + " (found " + kind + ")"));
        }
        return problems;
    }

    public static List<Problem> validate(LoadProfile profile) {
        List<Problem> problems = new ArrayList<>();
        String name =
                profile.getMetadata() == null ? null : profile.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            problems.add(new Problem("metadata.name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH || !DNS_LABEL.matcher(name).matches()) {
            problems.add(new Problem(
                    "metadata.name",
                    "\"" + name + "\" must be lower-case letters, digits and '-', "
                            + "start and end with a letter or digit, at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (profile.getSpec() == null) {
            problems.add(new Problem("spec", "is required"));
        } else {
            problems.addAll(validate(profile.getSpec()));
            if (name != null && profile.getSpec().verifying() && name.length() > LoadProfile.MAX_VERIFIED_NAME_LENGTH) {
                problems.add(new Problem(
                        "metadata.name",
                        "\"" + name + "\" is longer than " + LoadProfile.MAX_VERIFIED_NAME_LENGTH + " characters, "
                                + "too long with spec.verify (its verifiers' StatefulSet is NAME-verify): shorten it"));
            }
        }
        return problems;
    }

    /**
     * What a fleet in a cluster needs beyond {@link #validate(LoadProfile)}: a broker address,
     * since there is no command line to give one and no embedded broker to fall back on.
     */
    public static List<Problem> validateForCluster(LoadProfile profile) {
        List<Problem> problems = validate(profile);
        ClusterValidator.validate(problems, profile);
        return problems;
    }

    public static List<Problem> validate(LoadProfileSpec spec) {
        List<Problem> problems = new ArrayList<>();
        rate(problems, "spec.targetRate", spec.getTargetRate());
        if (spec.getReplicas() != null && (spec.getReplicas() < 1 || spec.getReplicas() > Limits.MAX_REPLICAS)) {
            problems.add(new Problem(
                    "spec.replicas",
                    spec.getReplicas() + " is out of range: use 1 to " + Limits.MAX_REPLICAS
                            + ", or leave it out to derive it from targetRate / maxRatePerPod"));
        }
        if (spec.getMaxRatePerPod() != null
                && (spec.getMaxRatePerPod() < 1 || spec.getMaxRatePerPod() > Limits.MAX_TARGET_RATE)) {
            problems.add(new Problem(
                    "spec.maxRatePerPod",
                    spec.getMaxRatePerPod() + " is out of range: use 1 to " + Limits.MAX_TARGET_RATE));
        }
        if (spec.getDevices() == null || spec.getDevices().getCount() == null) {
            problems.add(new Problem("spec.devices.count", "is required: the number of simulated devices"));
        } else if (spec.getDevices().getCount() < 1 || spec.getDevices().getCount() > Limits.MAX_DEVICES) {
            problems.add(new Problem(
                    "spec.devices.count",
                    spec.getDevices().getCount() + " is out of range: use 1 to " + Limits.MAX_DEVICES));
        }
        if (spec.getGenerator() == null || spec.getGenerator().getType() == null) {
            problems.add(new Problem(
                    "spec.generator.type",
                    "is required: smart-meter, iot-sensor, transaction, gaming-bet, "
                            + "temperature, dataset or avro-schema"));
        } else {
            GeneratorValidator.validate(problems, spec.getGenerator(), spec.getSink());
        }
        for (int i = 0; i < spec.getStages().size(); i++) {
            StageSpec stage = spec.getStages().get(i);
            String at = "spec.stages[" + i + "]";
            if (stage == null) {
                problems.add(new Problem(at, "is empty: give duration and targetRate"));
                continue;
            }
            positiveDuration(problems, at + ".duration", stage.getDuration(), true);
            rate(problems, at + ".targetRate", stage.getTargetRate());
        }
        positiveDuration(problems, "spec.duration", spec.getDuration(), false);
        TrafficValidator.validate(problems, spec);
        tracing(problems, spec.getTracing());
        SinkValidator.validate(problems, spec.getSink(), spec.getFormat());
        VerifyValidator.validate(problems, spec.getVerify(), spec.getSink());
        FaultsValidator.validate(problems, spec.getFaults(), spec.getSink());
        WorkerVolumesValidator.validate(problems, spec.getWorker());
        if (spec.getTracing() != null
                && spec.getSink() != null
                && spec.getSink().filesOnly()) {
            problems.add(new Problem(
                    "spec.tracing",
                    "does not apply to sink.file: files carry no headers for a "
                            + "traceparent; remove spec.tracing or send to sink.kafka or sink.pulsar too"));
        }
        if (problems.isEmpty()) {
            fleet(problems, spec);
        }
        if (problems.isEmpty()) {
            FaultsValidator.heldRecords(problems, spec);
        }
        return problems;
    }

    private static void tracing(List<Problem> problems, TracingSpec tracing) {
        if (tracing == null) {
            return;
        }
        Double ratio = tracing.getSampleRatio();
        if (ratio == null) {
            problems.add(new Problem(
                    "spec.tracing.sampleRatio",
                    "is required: the share of records to trace, e.g. 0.01; " + "remove spec.tracing to trace none"));
        } else if (!(ratio > 0 && ratio <= 1)) {
            problems.add(new Problem(
                    "spec.tracing.sampleRatio",
                    ratio + " is out of range: use above 0 and at most 1, "
                            + "e.g. 0.01 for one record in a hundred; remove spec.tracing to trace none"));
        }
    }

    /** Checks that need a consistent spec: the plan's replica count against devices and maxRatePerPod. */
    private static void fleet(List<Problem> problems, LoadProfileSpec spec) {
        int replicas = FleetPlan.replicasFor(spec);
        if (replicas > Limits.MAX_REPLICAS) {
            problems.add(new Problem(
                    "spec.targetRate",
                    "needs " + replicas + " replicas at maxRatePerPod " + spec.effectiveMaxRatePerPod() + ", more than "
                            + Limits.MAX_REPLICAS + ": raise maxRatePerPod"));
            return;
        }
        if (spec.getDevices().getCount() < replicas) {
            problems.add(new Problem(
                    "spec.devices.count",
                    spec.getDevices().getCount() + " is less than replicas " + replicas
                            + ": every replica needs at least one device; raise devices.count or lower replicas"));
        }
        long perReplica = (spec.getDevices().getCount() + replicas - 1) / replicas;
        if (perReplica > Limits.MAX_DEVICES_PER_REPLICA) {
            problems.add(new Problem(
                    "spec.devices.count",
                    spec.getDevices().getCount() + " devices over " + replicas
                            + " replicas is " + perReplica + " per replica, more than " + Limits.MAX_DEVICES_PER_REPLICA
                            + ": raise replicas (at least "
                            + ((spec.getDevices().getCount() + Limits.MAX_DEVICES_PER_REPLICA - 1)
                                    / Limits.MAX_DEVICES_PER_REPLICA)
                            + ") or lower devices.count"));
        }
        long needed = (FleetPlan.peakRate(spec) + replicas - 1) / replicas;
        if (spec.getReplicas() != null && needed > spec.effectiveMaxRatePerPod()) {
            problems.add(new Problem(
                    "spec.replicas",
                    replicas + " replicas would each send " + needed
                            + " msg/s, above maxRatePerPod " + spec.effectiveMaxRatePerPod()
                            + ": raise replicas or maxRatePerPod, or leave replicas out"));
        }
    }

    private static void rate(List<Problem> problems, String path, Long rate) {
        if (rate == null) {
            problems.add(new Problem(path, "is required: messages per second, 0 to " + Limits.MAX_TARGET_RATE));
        } else if (rate < 0 || rate > Limits.MAX_TARGET_RATE) {
            problems.add(new Problem(
                    path, rate + " is out of range: use 0 to " + Limits.MAX_TARGET_RATE + " messages per second"));
        }
    }

    private static void positiveDuration(List<Problem> problems, String path, String text, boolean required) {
        if (text == null) {
            if (required) {
                problems.add(new Problem(path, "is required, e.g. 30s, 2m or 1h30m"));
            }
            return;
        }
        Duration d = Durations.parse(text).orElse(null);
        if (d == null) {
            problems.add(new Problem(path, "\"" + text + "\" is not a duration: use e.g. 500ms, 30s, 2m or 1h30m"));
        } else if (d.isZero()) {
            problems.add(new Problem(path, "must be longer than 0"));
        }
    }
}
