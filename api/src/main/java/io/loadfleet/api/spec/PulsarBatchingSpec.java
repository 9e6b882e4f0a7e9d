package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Pulsar producer batching; unset fields keep the client's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PulsarBatchingSpec {
    @JsonPropertyDescription("Batch messages. Default true.")
    private Boolean enabled;

    @JsonPropertyDescription("batchingMaxPublishDelay in milliseconds, 0 or more. Default 1.")
    @Min(0)
    private Integer maxDelayMs;

    @JsonPropertyDescription("batchingMaxMessages, 1 or more. Default 1000.")
    @Min(1)
    private Integer maxMessages;

    @JsonPropertyDescription("batchingMaxBytes, 1 or more. Default 131072.")
    @Min(1)
    private Integer maxBytes;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getMaxDelayMs() {
        return maxDelayMs;
    }

    public void setMaxDelayMs(Integer maxDelayMs) {
        this.maxDelayMs = maxDelayMs;
    }

    public Integer getMaxMessages() {
        return maxMessages;
    }

    public void setMaxMessages(Integer maxMessages) {
        this.maxMessages = maxMessages;
    }

    public Integer getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(Integer maxBytes) {
        this.maxBytes = maxBytes;
    }
}
