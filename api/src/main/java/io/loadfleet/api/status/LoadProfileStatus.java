package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed of the fleet (Strimzi-style: observedGeneration plus conditions). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadProfileStatus {
    private Long observedGeneration;
    private Phase phase;
    private Integer replicas;
    private Integer readyReplicas;
    private Long targetRate;
    private Double achievedRate;
    private Long sent;
    private Long acked;
    private Long errors;
    private Long epoch;
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Integer getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(Integer readyReplicas) { this.readyReplicas = readyReplicas; }
    public Long getTargetRate() { return targetRate; }
    public void setTargetRate(Long targetRate) { this.targetRate = targetRate; }
    public Double getAchievedRate() { return achievedRate; }
    public void setAchievedRate(Double achievedRate) { this.achievedRate = achievedRate; }
    public Long getSent() { return sent; }
    public void setSent(Long sent) { this.sent = sent; }
    public Long getAcked() { return acked; }
    public void setAcked(Long acked) { this.acked = acked; }
    public Long getErrors() { return errors; }
    public void setErrors(Long errors) { this.errors = errors; }
    public Long getEpoch() { return epoch; }
    public void setEpoch(Long epoch) { this.epoch = epoch; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
}
