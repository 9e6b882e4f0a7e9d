package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pulsar producer settings. Unset knobs keep pulsar-client's defaults, except blockIfQueueFull
 * (on: a full send queue slows the sender, as Kafka's buffer does, instead of failing records).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.partitions) || has(self.adminUrl)",
        fieldPath = ".partitions",
        message = "spec.sink.pulsar.partitions: needs adminUrl: partitioned topics are created through the admin API; "
                + "set adminUrl, or leave partitions out to use an existing or auto-created topic")
@ValidationRule(
        value = "!has(self.tls) || !has(self.serviceUrl) || self.serviceUrl.startsWith('pulsar+ssl://')"
                + " || (has(self.adminUrl) && self.adminUrl.startsWith('https://'))",
        fieldPath = ".tls",
        message =
                "spec.sink.pulsar.tls: is set but neither serviceUrl nor adminUrl uses TLS: use pulsar+ssl://host:6651 "
                        + "(and https://host:8443), or remove tls",
        messageExpression = "'spec.sink.pulsar.tls: is set but neither serviceUrl ' + self.serviceUrl + ' nor adminUrl"
                + " uses TLS: use pulsar+ssl://host:6651 (and https://host:8443), or remove tls'")
public class PulsarSinkSpec {
    @JsonPropertyDescription("pulsar://host:6650 or pulsar+ssl://host:6651. Required in a cluster; "
            + "`run --service-url` overrides it.")
    @Pattern(Limits.PULSAR_SERVICE_URL_PATTERN)
    private String serviceUrl;

    @JsonPropertyDescription("A short name (persistent://public/default/NAME) or a full "
            + "persistent://tenant/namespace/name (also non-persistent://).")
    @Required
    @Pattern(Limits.PULSAR_TOPIC_PATTERN)
    private String topic;

    @JsonPropertyDescription("Creates a partitioned topic of this many partitions (1 to 100000) when the topic "
            + "is missing. Needs adminUrl.")
    @Min(1)
    @Max(Limits.MAX_PARTITIONS)
    private Integer partitions;

    @JsonPropertyDescription("http(s)://host:8080 of the Pulsar admin API; needed only to create topics.")
    @Pattern(Limits.PULSAR_ADMIN_URL_PATTERN)
    private String adminUrl;

    @JsonPropertyDescription("compressionType: NONE | LZ4 | ZLIB | ZSTD | SNAPPY. Default NONE.")
    private PulsarCompression compression;

    @JsonPropertyDescription("Producer batching.")
    private PulsarBatchingSpec batching;

    @JsonPropertyDescription("sendTimeout in milliseconds; 0 waits forever. Default 30000.")
    @Min(0)
    private Integer sendTimeoutMs;

    @JsonPropertyDescription("Block the sender when the pending queue is full (true, the default) or fail the send.")
    private Boolean blockIfQueueFull;

    @JsonPropertyDescription("How the client authenticates. Default: it does not.")
    private PulsarAuthSpec auth;

    @JsonPropertyDescription("The CA that signed the broker's certificate, for pulsar+ssl:// and https:// URLs. "
            + "Without it they trust the JVM's default CAs.")
    private TlsSpec tls;

    @JsonPropertyDescription(
            "Any other producer setting by its ProducerBuilder.loadConf name (e.g. maxPendingMessages, "
                    + "producerName), passed through as is (wins over the fields above).")
    private Map<String, String> properties = new LinkedHashMap<>();

    /** The topic's full name: short names live in public/default, as Pulsar's own tools assume. */
    @JsonIgnore
    public String fullTopicName() {
        if (topic.contains("://")) {
            return topic;
        }
        return "persistent://" + (topic.contains("/") ? topic : "public/default/" + topic);
    }

    @JsonIgnore
    public boolean effectiveBlockIfQueueFull() {
        return blockIfQueueFull == null || blockIfQueueFull;
    }

    public String getServiceUrl() {
        return serviceUrl;
    }

    public void setServiceUrl(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public String getAdminUrl() {
        return adminUrl;
    }

    public void setAdminUrl(String adminUrl) {
        this.adminUrl = adminUrl;
    }

    public PulsarCompression getCompression() {
        return compression;
    }

    public void setCompression(PulsarCompression compression) {
        this.compression = compression;
    }

    public PulsarBatchingSpec getBatching() {
        return batching;
    }

    public void setBatching(PulsarBatchingSpec batching) {
        this.batching = batching;
    }

    public Integer getSendTimeoutMs() {
        return sendTimeoutMs;
    }

    public void setSendTimeoutMs(Integer sendTimeoutMs) {
        this.sendTimeoutMs = sendTimeoutMs;
    }

    public Boolean getBlockIfQueueFull() {
        return blockIfQueueFull;
    }

    public void setBlockIfQueueFull(Boolean blockIfQueueFull) {
        this.blockIfQueueFull = blockIfQueueFull;
    }

    public PulsarAuthSpec getAuth() {
        return auth;
    }

    public void setAuth(PulsarAuthSpec auth) {
        this.auth = auth;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties == null ? new LinkedHashMap<>() : properties;
    }
}
