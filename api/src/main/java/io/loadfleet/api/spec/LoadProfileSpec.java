package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fleet sends, where, and how fast. Field names are the public API.
 *
 * <p>The {@link ValidationRule}s here and on the other spec classes repeat, as CEL rules of the CRD, the checks of
 * {@link io.loadfleet.api.validation.ProfileValidator} that the API server can make at admission, so
 * {@code kubectl apply} refuses such a profile naming the field. Each refuses only what the validator refuses; the
 * validator stays the check for local runs and for what CEL cannot do within the API server's cost budget (e.g. a
 * walk over strings in a list). Both take their bounds from {@link Limits}.
 *
 * <p>The fleet rules mirror {@link io.loadfleet.api.plan.FleetPlan#replicasFor} and the validator's fleet checks:
 * replicas is spec.replicas when set, else max(1, ceil(peak / maxRatePerPod)) with peak the highest of targetRate and
 * the stages' rates. A rule whose inputs the schema already refuses (missing or out of range) passes, so that only
 * the schema's error shows. Only integer arithmetic walks the stages: the API server's cost estimate allows that.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = LoadProfileSpec.CEL_NO_VALID_REPLICAS + " || " + LoadProfileSpec.CEL_NO_VALID_DEVICES
                + " || self.devices.count >= self.replicas",
        fieldPath = ".devices.count",
        message = "spec.devices.count: is less than replicas: every replica needs at least one device; "
                + "raise devices.count or lower replicas")
@ValidationRule(
        value = LoadProfileSpec.CEL_NO_VALID_REPLICAS + " || " + LoadProfileSpec.CEL_NO_VALID_DEVICES
                + " || self.devices.count <= " + Limits.MAX_DEVICES_PER_REPLICA + " * self.replicas",
        fieldPath = ".devices.count",
        message = "spec.devices.count: is more than " + Limits.MAX_DEVICES_PER_REPLICA
                + " per replica: raise replicas or lower devices.count")
@ValidationRule(
        value = LoadProfileSpec.CEL_NO_VALID_REPLICAS + " || " + LoadProfileSpec.CEL_NO_VALID_RATES
                + " || (" + LoadProfileSpec.CEL_PER_REPLICA_TARGET + " <= " + LoadProfileSpec.CEL_MAX_RATE_PER_POD
                + " && (!has(self.stages) || self.stages.all(s, " + LoadProfileSpec.CEL_NO_VALID_STAGE_RATE + " || "
                + LoadProfileSpec.CEL_PER_REPLICA_STAGE + " <= " + LoadProfileSpec.CEL_MAX_RATE_PER_POD + ")))",
        fieldPath = ".replicas",
        message = "spec.replicas: too few: at the peak of targetRate and the stages' rates each would send more than "
                + "maxRatePerPod; raise replicas or maxRatePerPod, or leave replicas out")
@ValidationRule(
        value = "has(self.replicas) || " + LoadProfileSpec.CEL_NO_VALID_RATES
                + " || (" + LoadProfileSpec.CEL_PODS_FOR_TARGET + " <= " + Limits.MAX_REPLICAS
                + " && (!has(self.stages) || self.stages.all(s, " + LoadProfileSpec.CEL_NO_VALID_STAGE_RATE + " || "
                + LoadProfileSpec.CEL_PODS_FOR_STAGE + " <= " + Limits.MAX_REPLICAS + ")))",
        fieldPath = ".targetRate",
        message = "spec.targetRate: needs more than " + Limits.MAX_REPLICAS
                + " replicas at maxRatePerPod (at the peak of targetRate and the stages' rates): raise maxRatePerPod")
@ValidationRule(
        value = "has(self.replicas) || " + LoadProfileSpec.CEL_NO_VALID_RATES + " || "
                + LoadProfileSpec.CEL_NO_VALID_DEVICES
                + " || ((" + LoadProfileSpec.CEL_PODS_FOR_TARGET + " > " + Limits.MAX_REPLICAS
                + " || self.devices.count >= " + LoadProfileSpec.CEL_PODS_FOR_TARGET + ")"
                + " && (!has(self.stages) || self.stages.all(s, " + LoadProfileSpec.CEL_NO_VALID_STAGE_RATE + " || "
                + LoadProfileSpec.CEL_PODS_FOR_STAGE + " > " + Limits.MAX_REPLICAS + " || self.devices.count >= "
                + LoadProfileSpec.CEL_PODS_FOR_STAGE + ")))",
        fieldPath = ".devices.count",
        message = "spec.devices.count: is less than the replicas derived from targetRate (or a stage's rate) / "
                + "maxRatePerPod: every replica needs at least one device; raise devices.count or maxRatePerPod")
@ValidationRule(
        value = "has(self.replicas) || " + LoadProfileSpec.CEL_NO_VALID_RATES + " || "
                + LoadProfileSpec.CEL_NO_VALID_DEVICES + " || self.devices.count <= " + Limits.MAX_DEVICES_PER_REPLICA
                + " || self.devices.count <= " + Limits.MAX_DEVICES_PER_REPLICA + " * "
                + LoadProfileSpec.CEL_PODS_FOR_TARGET + " || (has(self.stages) && self.stages.exists(s, !("
                + LoadProfileSpec.CEL_NO_VALID_STAGE_RATE + ") && self.devices.count <= "
                + Limits.MAX_DEVICES_PER_REPLICA + " * " + LoadProfileSpec.CEL_PODS_FOR_STAGE + "))",
        fieldPath = ".devices.count",
        message = "spec.devices.count: is more than " + Limits.MAX_DEVICES_PER_REPLICA
                + " per replica of the replicas derived from the rate: set replicas, raise targetRate or lower "
                + "maxRatePerPod, or lower devices.count")
@ValidationRule(
        value = "!has(self.tracing) || !has(self.sink)" + LoadProfileSpec.CEL_NOT_FILES_ONLY,
        fieldPath = ".tracing",
        message = "spec.tracing: does not apply to sink.file: files carry no headers for a traceparent; "
                + "remove spec.tracing or send to sink.kafka or sink.pulsar too")
@ValidationRule(
        value = "!has(self.sink) || !has(self.sink.kafka) || !has(self.sink.kafka.schemaRegistry)"
                + " || (has(self.format) && self.format == 'avro')",
        fieldPath = ".sink.kafka.schemaRegistry",
        message = "spec.sink.kafka.schemaRegistry: needs spec.format: avro (registry-framed values are Avro): set "
                + "format: avro, or remove schemaRegistry to send JSON")
@ValidationRule(
        value = "!has(self.format) || self.format != 'avro' || !has(self.sink)" + LoadProfileSpec.CEL_NOT_FILES_ONLY,
        fieldPath = ".format",
        message = "spec.format: avro does not apply to sink.file: the files hold the records in sink.file.format "
                + "(parquet carries the Avro schema); leave format out, or add sink.kafka or sink.pulsar to send "
                + "Avro there too")
@ValidationRule(
        value = "!has(self.verify) || (has(self.verify.enabled) && !self.verify.enabled) || !has(self.sink)"
                + LoadProfileSpec.CEL_NOT_FILES_ONLY,
        fieldPath = ".verify",
        message = "spec.verify: does not apply to sink.file: verifiers read a broker's topic; send to sink.kafka or "
                + "sink.pulsar too, or remove spec.verify")
@ValidationRule(
        value = "!has(self.faults) || !has(self.sink) || !has(self.sink.file)",
        fieldPath = ".faults",
        message = "spec.faults: does not apply to sink.file: files carry no headers to mark injected records; "
                + "remove spec.faults or send to sink.kafka or sink.pulsar")
public class LoadProfileSpec {
    /** CEL, after a {@code ||}: the sinks are not files alone (a topic is there too), the twin of SinkSpec.filesOnly. */
    static final String CEL_NOT_FILES_ONLY =
            " || !has(self.sink.file) || has(self.sink.kafka) || has(self.sink.pulsar)";

    public static final long DEFAULT_MAX_RATE_PER_POD = 50_000;

    /** CEL: maxRatePerPod with its default applied. */
    static final String CEL_MAX_RATE_PER_POD =
            "(has(self.maxRatePerPod) ? self.maxRatePerPod : " + DEFAULT_MAX_RATE_PER_POD + ")";
    /** CEL: replicas is not set, or out of the schema's range. */
    static final String CEL_NO_VALID_REPLICAS =
            "!has(self.replicas) || self.replicas < 1 || self.replicas > " + Limits.MAX_REPLICAS;
    /** CEL: devices.count is missing or out of the schema's range. */
    static final String CEL_NO_VALID_DEVICES = "!has(self.devices) || !has(self.devices.count)"
            + " || self.devices.count < 1 || self.devices.count > " + Limits.MAX_DEVICES;
    /** CEL: targetRate is missing, or it or maxRatePerPod is out of the schema's range. */
    static final String CEL_NO_VALID_RATES = "!has(self.targetRate) || self.targetRate < 0 || self.targetRate > "
            + Limits.MAX_TARGET_RATE + " || (has(self.maxRatePerPod) && (self.maxRatePerPod < 1"
            + " || self.maxRatePerPod > " + Limits.MAX_TARGET_RATE + "))";
    /** CEL, inside a walk over the stages: stage s's targetRate is missing or out of the schema's range. */
    static final String CEL_NO_VALID_STAGE_RATE =
            "!has(s.targetRate) || s.targetRate < 0 || s.targetRate > " + Limits.MAX_TARGET_RATE;
    /** CEL: ceil(targetRate / maxRatePerPod), the pods targetRate needs. */
    static final String CEL_PODS_FOR_TARGET =
            "((self.targetRate + " + CEL_MAX_RATE_PER_POD + " - 1) / " + CEL_MAX_RATE_PER_POD + ")";
    /** CEL, inside a walk over the stages: ceil(s.targetRate / maxRatePerPod). */
    static final String CEL_PODS_FOR_STAGE =
            "((s.targetRate + " + CEL_MAX_RATE_PER_POD + " - 1) / " + CEL_MAX_RATE_PER_POD + ")";
    /** CEL: ceil(targetRate / replicas), what each replica sends at targetRate. */
    static final String CEL_PER_REPLICA_TARGET = "((self.targetRate + self.replicas - 1) / self.replicas)";
    /** CEL, inside a walk over the stages: ceil(s.targetRate / replicas). */
    static final String CEL_PER_REPLICA_STAGE = "((s.targetRate + self.replicas - 1) / self.replicas)";

    @JsonPropertyDescription("Messages per second for the whole fleet, 0 to 1000000000; the per-pod rates sum to "
            + "exactly this. Change it to rescale a running fleet live.")
    @Required
    @Min(0)
    @Max(Limits.MAX_TARGET_RATE)
    private Long targetRate;

    @JsonPropertyDescription(
            "Number of worker pods, 1 to 10000 (the scale subresource: kubectl scale lp NAME --replicas N). "
                    + "Default: ceil(peak rate / maxRatePerPod), at least 1.")
    @SpecReplicas
    @Min(1)
    @Max(Limits.MAX_REPLICAS)
    private Integer replicas;

    @JsonPropertyDescription(
            "Highest rate one pod is planned for, 1 to 1000000000, used to derive replicas. Default 50000.")
    @Min(1)
    @Max(Limits.MAX_TARGET_RATE)
    private Long maxRatePerPod;

    @JsonPropertyDescription("The device pool, split into contiguous per-pod ranges.")
    @Required
    private DevicesSpec devices;

    @JsonPropertyDescription("Which realistic record shape to generate.")
    @Required
    private GeneratorSpec generator;

    @JsonPropertyDescription("Wire format of message values: json | avro. Default json.")
    private Format format;

    @JsonPropertyDescription("Where messages go: exactly one sink.")
    @Required
    private SinkSpec sink;

    @JsonPropertyDescription(
            "Optional ramp: each stage moves the rate linearly from the previous level (0 at the start) "
                    + "to its targetRate over its duration; afterwards the fleet holds spec.targetRate.")
    private List<StageSpec> stages = new ArrayList<>();

    @JsonPropertyDescription("Stop after this long, above zero: digits with ms, s, m or h, e.g. 500ms, 10m or 1h30m. "
            + "Default: run until stopped.")
    @Pattern(Durations.PATTERN)
    @ValidationRule(
            value = "!self.matches('" + Durations.CEL_ZERO + "')",
            message =
                    "spec.duration: must be longer than 0: give e.g. 30s, 2m or 1h30m, or leave it out to run until stopped")
    private String duration;

    @JsonPropertyDescription("Stop after exactly this many records for the whole fleet, 1 to 1000000000000000, split "
            + "exactly across the pods (records injected by spec.faults come on top), then phase Completed. With "
            + "spec.duration too, whichever ends first. Default: no limit.")
    @Min(1)
    @Max(Limits.MAX_COUNT)
    private Long count;

    @JsonPropertyDescription("When records leave: constant (default), poisson or bursts. Every process sends exactly "
            + "the planned records in each whole window. Changing it rolls the pods.")
    private ArrivalSpec arrival;

    @JsonPropertyDescription("When true the fleet stays up but sends nothing.")
    private Boolean paused;

    @JsonPropertyDescription("Optional: a W3C traceparent header on a sampled share of the records, so tracing "
            + "backends can follow them through a pipeline. Off when absent. Changing it rolls the pods.")
    private TracingSpec tracing;

    @JsonPropertyDescription("How the worker pods run: image, resources, JVM options, scheduling and volumes. "
            + "Changing it rolls the pods.")
    private WorkerSpec worker;

    @JsonPropertyDescription("Optional: live verification. Verifier pods read the topic while the fleet sends, "
            + "and status.verify says whether every acknowledged record arrived once, and how late.")
    private VerifySpec verify;

    @JsonPropertyDescription("Optional: faults injected on purpose, to test how a pipeline copes: records sent "
            + "twice, with an event time shifted back, or late. Each is marked in its identity (header or property "
            + "loadfleet.injected), and verification counts them apart from real loss, duplication and disorder. "
            + "None when absent. Changing it rolls the pods.")
    private FaultsSpec faults;

    public Long getCount() {
        return count;
    }

    public void setCount(Long count) {
        this.count = count;
    }

    public ArrivalSpec getArrival() {
        return arrival;
    }

    public void setArrival(ArrivalSpec arrival) {
        this.arrival = arrival;
    }

    public FaultsSpec getFaults() {
        return faults;
    }

    public void setFaults(FaultsSpec faults) {
        this.faults = faults;
    }

    public VerifySpec getVerify() {
        return verify;
    }

    public void setVerify(VerifySpec verify) {
        this.verify = verify;
    }

    /** Whether verifier pods run for this spec. */
    @JsonIgnore
    public boolean verifying() {
        return verify != null && verify.isOn();
    }

    public TracingSpec getTracing() {
        return tracing;
    }

    public void setTracing(TracingSpec tracing) {
        this.tracing = tracing;
    }

    public WorkerSpec getWorker() {
        return worker;
    }

    public void setWorker(WorkerSpec worker) {
        this.worker = worker;
    }

    public Long getTargetRate() {
        return targetRate;
    }

    public void setTargetRate(Long targetRate) {
        this.targetRate = targetRate;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Long getMaxRatePerPod() {
        return maxRatePerPod;
    }

    public void setMaxRatePerPod(Long maxRatePerPod) {
        this.maxRatePerPod = maxRatePerPod;
    }

    public DevicesSpec getDevices() {
        return devices;
    }

    public void setDevices(DevicesSpec devices) {
        this.devices = devices;
    }

    public GeneratorSpec getGenerator() {
        return generator;
    }

    public void setGenerator(GeneratorSpec generator) {
        this.generator = generator;
    }

    public Format getFormat() {
        return format;
    }

    public void setFormat(Format format) {
        this.format = format;
    }
    /** Every Secret key this validated spec's pods read: the sink's, then the generator's. */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        List<SecretFile> files = new ArrayList<>(sink.secretFiles());
        files.addAll(generator.secretFiles());
        return files;
    }

    public SinkSpec getSink() {
        return sink;
    }

    public void setSink(SinkSpec sink) {
        this.sink = sink;
    }

    public List<StageSpec> getStages() {
        return stages;
    }

    public void setStages(List<StageSpec> stages) {
        this.stages = stages == null ? new ArrayList<>() : stages;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public Boolean getPaused() {
        return paused;
    }

    public void setPaused(Boolean paused) {
        this.paused = paused;
    }

    /** maxRatePerPod with its default applied. */
    public long effectiveMaxRatePerPod() {
        return maxRatePerPod == null ? DEFAULT_MAX_RATE_PER_POD : maxRatePerPod;
    }

    /** format with its default applied. */
    public Format effectiveFormat() {
        return format == null ? Format.JSON : format;
    }

    public boolean isPaused() {
        return Boolean.TRUE.equals(paused);
    }
}
