package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.loadfleet.api.load.ProfileValidator;
import java.util.ArrayList;
import java.util.List;

/** What the fleet sends, where, and how fast. Field names are the public API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadProfileSpec {
    public static final long DEFAULT_MAX_RATE_PER_POD = 50_000;

    @JsonPropertyDescription("Messages per second for the whole fleet, 0 to 1000000000; the per-pod rates sum to "
            + "exactly this. Change it to rescale a running fleet live.")
    @Required
    @Min(0)
    @Max(ProfileValidator.MAX_TARGET_RATE)
    private Long targetRate;

    @JsonPropertyDescription("Number of worker pods, 1 to 10000 (the scale subresource: kubectl scale lp NAME --replicas N). "
            + "Default: ceil(peak rate / maxRatePerPod), at least 1.")
    @SpecReplicas
    @Min(1)
    @Max(ProfileValidator.MAX_REPLICAS)
    private Integer replicas;

    @JsonPropertyDescription("Highest rate one pod is planned for, 1 to 1000000000, used to derive replicas. Default 50000.")
    @Min(1)
    @Max(ProfileValidator.MAX_TARGET_RATE)
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

    @JsonPropertyDescription("Optional ramp: each stage moves the rate linearly from the previous level (0 at the start) "
            + "to its targetRate over its duration; afterwards the fleet holds spec.targetRate.")
    private List<StageSpec> stages = new ArrayList<>();

    @JsonPropertyDescription("Stop after this long, above zero: digits with ms, s, m or h, e.g. 500ms, 10m or 1h30m. "
            + "Default: run until stopped.")
    @Pattern(Durations.PATTERN)
    private String duration;

    @JsonPropertyDescription("When true the fleet stays up but sends nothing.")
    private Boolean paused;

    @JsonPropertyDescription("Optional: a W3C traceparent header on a sampled share of the records, so tracing "
            + "backends can follow them through a pipeline. Off when absent. Changing it rolls the pods.")
    private TracingSpec tracing;

    @JsonPropertyDescription("How the worker pods run: image, resources, JVM options and scheduling. Changing it rolls the pods.")
    private WorkerSpec worker;

    public TracingSpec getTracing() { return tracing; }
    public void setTracing(TracingSpec tracing) { this.tracing = tracing; }
    public WorkerSpec getWorker() { return worker; }
    public void setWorker(WorkerSpec worker) { this.worker = worker; }
    public Long getTargetRate() { return targetRate; }
    public void setTargetRate(Long targetRate) { this.targetRate = targetRate; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Long getMaxRatePerPod() { return maxRatePerPod; }
    public void setMaxRatePerPod(Long maxRatePerPod) { this.maxRatePerPod = maxRatePerPod; }
    public DevicesSpec getDevices() { return devices; }
    public void setDevices(DevicesSpec devices) { this.devices = devices; }
    public GeneratorSpec getGenerator() { return generator; }
    public void setGenerator(GeneratorSpec generator) { this.generator = generator; }
    public Format getFormat() { return format; }
    public void setFormat(Format format) { this.format = format; }
    /** Every Secret key this validated spec's pods read: the sink's, then the generator's. */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        List<SecretFile> files = new ArrayList<>(sink.secretFiles());
        files.addAll(generator.secretFiles());
        return files;
    }

    public SinkSpec getSink() { return sink; }
    public void setSink(SinkSpec sink) { this.sink = sink; }
    public List<StageSpec> getStages() { return stages; }
    public void setStages(List<StageSpec> stages) { this.stages = stages == null ? new ArrayList<>() : stages; }
    public String getDuration() { return duration; }
    public void setDuration(String duration) { this.duration = duration; }
    public Boolean getPaused() { return paused; }
    public void setPaused(Boolean paused) { this.paused = paused; }

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
