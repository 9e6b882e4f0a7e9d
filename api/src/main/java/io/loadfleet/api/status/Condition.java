package io.loadfleet.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * One Kubernetes-style status condition of a LoadProfile (Ready, Progressing, Degraded). The same fields as
 * fabric8's {@code Condition}, with descriptions so the CRD documents them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";

    @JsonPropertyDescription("Kind of condition: Ready, Progressing or Degraded.")
    private String type;

    @JsonPropertyDescription("Whether the condition holds: True, False or Unknown.")
    private String status;

    @JsonPropertyDescription("One-word CamelCase reason for the last transition, e.g. InvalidSpec.")
    private String reason;

    @JsonPropertyDescription("Human-readable detail; for an invalid spec it names the field and what is allowed.")
    private String message;

    @JsonPropertyDescription("When the status of this condition last changed (RFC 3339).")
    private String lastTransitionTime;

    @JsonPropertyDescription("metadata.generation of the LoadProfile this condition was set for.")
    private Long observedGeneration;

    public Condition() {}

    public Condition(
            String type,
            String status,
            String reason,
            String message,
            String lastTransitionTime,
            Long observedGeneration) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
        this.observedGeneration = observedGeneration;
    }

    /** A condition as a pass decides it; {@code lastTransitionTime} and {@code observedGeneration} are set on writing. */
    public static Condition of(String type, String status, String reason, String message) {
        return new Condition(type, status, reason, message, null, null);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c
                && Objects.equals(type, c.type)
                && Objects.equals(status, c.status)
                && Objects.equals(reason, c.reason)
                && Objects.equals(message, c.message)
                && Objects.equals(lastTransitionTime, c.lastTransitionTime)
                && Objects.equals(observedGeneration, c.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
    }
}
