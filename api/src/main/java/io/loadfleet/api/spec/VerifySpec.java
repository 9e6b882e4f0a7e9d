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
 * Live verification in the cluster: verifier pods read the topic while the fleet sends and prove that
 * every acknowledged record arrived once, with its end-to-end latency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VerifySpec {
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    public static final Duration MAX_GRACE = Duration.ofHours(1);
    public static final int MAX_REPLICAS = 1_000;
    /** What one verifier pod is sized for when spec.verify.replicas is left out; measured in BENCHMARKS.md. */
    public static final long RATE_PER_VERIFIER = 100_000;

    public static final String SUBSCRIPTION_PATTERN = "^[a-zA-Z0-9._-]{1,200}$";

    @JsonPropertyDescription(
            "Run the verifiers. Default true when spec.verify is given; false stops them and " + "keeps the settings.")
    private Boolean enabled;

    @JsonPropertyDescription("Verifier pods, 1 to 1000; each reads a share of the topic's partitions. Default: "
            + "one per 100000 msg/s of targetRate, at most one per partition.")
    @Min(1)
    @Max(MAX_REPLICAS)
    private Integer replicas;

    @JsonPropertyDescription("The name the verifiers read under (Kafka client.id, Pulsar reader subscription), so "
            + "they can be told apart in the broker's tools; they commit nothing. Default: loadfleet-verify-NAME.")
    @Pattern(SUBSCRIPTION_PATTERN)
    private String subscription;

    @JsonPropertyDescription("How long an acknowledged record may take to be consumed before it counts as lost, "
            + "above zero and at most 1h: digits with ms, s, m or h. Default 30s.")
    @Pattern(Durations.PATTERN)
    @ValidationRule(
            value = "!self.matches('" + Durations.CEL_ZERO + "')",
            message = "spec.verify.grace: must be longer than 0: give e.g. 30s or 2m, or leave it out for 30s")
    private String grace;

    @JsonPropertyDescription("How the verifier pods run: image, resources, JVM options and scheduling, as "
            + "spec.worker. Default: spec.worker.")
    private PodSettingsSpec worker;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether the verifiers run: spec.verify is there and not switched off. */
    @JsonIgnore
    public boolean isOn() {
        return enabled == null || enabled;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getSubscription() {
        return subscription;
    }

    public void setSubscription(String subscription) {
        this.subscription = subscription;
    }

    /** The subscription, or its default for the profile {@code name}. */
    public String effectiveSubscription(String name) {
        return subscription != null ? subscription : "loadfleet-verify-" + name;
    }

    public String getGrace() {
        return grace;
    }

    public void setGrace(String grace) {
        this.grace = grace;
    }

    /** The grace period, or its default; for a validated spec. */
    @JsonIgnore
    public Duration effectiveGrace() {
        return grace == null ? DEFAULT_GRACE : Durations.require(grace);
    }

    public PodSettingsSpec getWorker() {
        return worker;
    }

    public void setWorker(PodSettingsSpec worker) {
        this.worker = worker;
    }

    /**
     * The verifier pods for a fleet sending {@code targetRate} to a topic of {@code partitions} partitions
     * (0 while unknown): spec.verify.replicas, or one per {@link #RATE_PER_VERIFIER}, at most one per
     * partition, at least one.
     */
    public int replicasFor(long targetRate, int partitions) {
        if (replicas != null) {
            return replicas;
        }
        long byRate = Math.max(1, (targetRate + RATE_PER_VERIFIER - 1) / RATE_PER_VERIFIER);
        return (int) Math.min(Math.min(byRate, MAX_REPLICAS), partitions > 0 ? partitions : 1);
    }
}
