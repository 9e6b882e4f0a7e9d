package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed of the fleet (Strimzi-style: observedGeneration plus conditions). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadProfileStatus {
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Lifecycle of the fleet: Pending, Running, Rescaling, Paused, Completed or Failed.")
    private Phase phase;

    @JsonPropertyDescription("Worker pods of the fleet (the scale subresource's current replicas).")
    @StatusReplicas
    private Integer replicas;

    @JsonPropertyDescription("Worker pods that are ready.")
    private Integer readyReplicas;

    @JsonPropertyDescription("Label selector of the fleet's worker pods, in string form (used by kubectl scale "
            + "and the HorizontalPodAutoscaler through the scale subresource).")
    @LabelSelector
    private String selector;

    @JsonPropertyDescription("Fleet rate, in messages per second, currently assigned to the pods.")
    private Long targetRate;

    @JsonPropertyDescription(
            "Messages per second acknowledged by the sink, summed over the fleet's pods, over about the last 5 s.")
    private Double achievedRate;

    @JsonPropertyDescription("Messages handed to the sink since the fleet started.")
    private Long sent;

    @JsonPropertyDescription("Messages the sink acknowledged since the fleet started.")
    private Long acked;

    @JsonPropertyDescription("Messages whose send failed since the fleet started.")
    private Long errors;

    @JsonPropertyDescription("Publish latency and schedule delay percentiles, merged from the pods' histograms.")
    private FleetLatency latency;

    @JsonPropertyDescription(
            "Number of the assignment last pushed to the pods; it grows with every rate or replica change.")
    private Long epoch;

    @JsonPropertyDescription("When the current epoch took effect (RFC 3339): a replacement pod numbers its records on "
            + "from where its shard's schedule is since then.")
    private String epochStartTime;

    @JsonPropertyDescription(
            "When the fleet first started sending (RFC 3339); stages and spec.duration count from here.")
    private String startTime;

    @JsonPropertyDescription(
            "Fingerprint of the plan the current epoch carries (rates, stages, replicas, devices, pause, "
                    + "duration); a spec whose plan differs starts a new epoch.")
    private String planHash;

    @JsonPropertyDescription("Each sink's counts, rate and latency, in spec.sink's order (kafka, pulsar, file).")
    private List<SinkStatus> sinks;

    @JsonPropertyDescription("What live verification (spec.verify) found: the verifiers' count of the records the "
            + "fleet sent and the broker acknowledged.")
    private VerifyStatus verify;

    @JsonPropertyDescription("Ready, Progressing and Degraded, each with a reason and a message.")
    private List<Condition> conditions = new ArrayList<>();

    /**
     * A copy to build the next status from, so a pass never edits the informer's object. Every field is
     * copied here, and {@code LoadProfileStatusTest} fails when a new one is not.
     */
    public LoadProfileStatus copy() {
        LoadProfileStatus s = new LoadProfileStatus();
        s.observedGeneration = observedGeneration;
        s.phase = phase;
        s.replicas = replicas;
        s.readyReplicas = readyReplicas;
        s.selector = selector;
        s.targetRate = targetRate;
        s.achievedRate = achievedRate;
        s.sent = sent;
        s.acked = acked;
        s.errors = errors;
        s.latency = latency;
        s.epoch = epoch;
        s.epochStartTime = epochStartTime;
        s.startTime = startTime;
        s.planHash = planHash;
        s.verify = verify;
        s.sinks = sinks;
        s.conditions = new ArrayList<>(conditions);
        return s;
    }

    public List<SinkStatus> getSinks() {
        return sinks;
    }

    public void setSinks(List<SinkStatus> sinks) {
        this.sinks = sinks;
    }

    public VerifyStatus getVerify() {
        return verify;
    }

    public void setVerify(VerifyStatus verify) {
        this.verify = verify;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public Long getTargetRate() {
        return targetRate;
    }

    public void setTargetRate(Long targetRate) {
        this.targetRate = targetRate;
    }

    public Double getAchievedRate() {
        return achievedRate;
    }

    public void setAchievedRate(Double achievedRate) {
        this.achievedRate = achievedRate;
    }

    public Long getSent() {
        return sent;
    }

    public void setSent(Long sent) {
        this.sent = sent;
    }

    public Long getAcked() {
        return acked;
    }

    public void setAcked(Long acked) {
        this.acked = acked;
    }

    public Long getErrors() {
        return errors;
    }

    public void setErrors(Long errors) {
        this.errors = errors;
    }

    public FleetLatency getLatency() {
        return latency;
    }

    public void setLatency(FleetLatency latency) {
        this.latency = latency;
    }

    public Long getEpoch() {
        return epoch;
    }

    public void setEpoch(Long epoch) {
        this.epoch = epoch;
    }

    public String getEpochStartTime() {
        return epochStartTime;
    }

    public void setEpochStartTime(String epochStartTime) {
        this.epochStartTime = epochStartTime;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getPlanHash() {
        return planHash;
    }

    public void setPlanHash(String planHash) {
        this.planHash = planHash;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    /** Equal statuses need no patch: a paused or completed fleet's passes write nothing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LoadProfileStatus o
                && Objects.equals(observedGeneration, o.observedGeneration)
                && Objects.equals(phase, o.phase)
                && Objects.equals(replicas, o.replicas)
                && Objects.equals(readyReplicas, o.readyReplicas)
                && Objects.equals(selector, o.selector)
                && Objects.equals(targetRate, o.targetRate)
                && Objects.equals(achievedRate, o.achievedRate)
                && Objects.equals(sent, o.sent)
                && Objects.equals(acked, o.acked)
                && Objects.equals(errors, o.errors)
                && Objects.equals(latency, o.latency)
                && Objects.equals(epoch, o.epoch)
                && Objects.equals(epochStartTime, o.epochStartTime)
                && Objects.equals(startTime, o.startTime)
                && Objects.equals(planHash, o.planHash)
                && Objects.equals(sinks, o.sinks)
                && Objects.equals(verify, o.verify)
                && Objects.equals(conditions, o.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                observedGeneration,
                phase,
                replicas,
                readyReplicas,
                selector,
                targetRate,
                achievedRate,
                sent,
                acked,
                errors,
                latency,
                epoch,
                epochStartTime,
                startTime,
                planHash,
                sinks,
                verify,
                conditions);
    }
}
