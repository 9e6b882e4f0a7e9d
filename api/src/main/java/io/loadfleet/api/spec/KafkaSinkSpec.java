package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kafka producer settings. Unset knobs keep kafka-clients' defaults, except idempotence (on). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSinkSpec {
    @JsonPropertyDescription("host:port[,host:port...]. Optional for local runs: omitted starts an embedded broker.")
    @Pattern("\\S")
    private String bootstrapServers;

    @JsonPropertyDescription("Topic name (1 to 249 of a-z A-Z 0-9 . _ -); created when missing.")
    @Required
    @Pattern(Limits.TOPIC_PATTERN)
    @ValidationRule(
            value = "self != '.' && self != '..'",
            message = "spec.sink.kafka.topic: \".\" and \"..\" are not legal Kafka topic names: use 1 to 249 of "
                    + "a-z A-Z 0-9 . _ -")
    private String topic;

    @JsonPropertyDescription("Partitions used when the tool creates a missing topic, 1 to 100000. "
            + "Default: the broker's num.partitions.")
    @Min(1)
    @Max(Limits.MAX_PARTITIONS)
    private Integer partitions;

    @JsonPropertyDescription("Producer acks: \"0\" | \"1\" | \"all\". Default all.")
    private Acks acks;

    @JsonPropertyDescription("Producer compression.type: none | gzip | snappy | lz4 | zstd. Default none.")
    private Compression compression;

    @JsonPropertyDescription("Producer linger.ms, 0 or more. Default: the client's (5).")
    @Min(0)
    private Integer lingerMs;

    @JsonPropertyDescription("Producer batch.size in bytes, 0 or more. Default: the client's (16384).")
    @Min(0)
    private Integer batchSize;

    @JsonPropertyDescription("TLS and SASL, with credentials in Secrets. Default: PLAINTEXT.")
    private KafkaSecuritySpec security;

    @JsonPropertyDescription(
            "Frame values for a Confluent-compatible schema registry (format avro): the schema is "
                    + "registered under a subject and each value starts with magic byte 0 and the schema id. Default: bare Avro.")
    private SchemaRegistrySpec schemaRegistry;

    @JsonPropertyDescription("Any other producer property, passed through as is (wins over the fields above). "
            + "No passwords: those belong in a Secret named by security.")
    @ValidationRule(
            value = "self.all(k, k != 'sasl.jaas.config' && k != 'ssl.keystore.key' && !k.endsWith('.password'))",
            message = "spec.sink.kafka.properties: sasl.jaas.config, ssl.keystore.key and *.password would put a "
                    + "credential in the LoadProfile (and the workers' ConfigMap): put it in a Secret and name it in "
                    + "sink.kafka.security")
    private Map<String, String> properties = new LinkedHashMap<>();

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
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

    public Acks getAcks() {
        return acks;
    }

    public void setAcks(Acks acks) {
        this.acks = acks;
    }

    public Compression getCompression() {
        return compression;
    }

    public void setCompression(Compression compression) {
        this.compression = compression;
    }

    public Integer getLingerMs() {
        return lingerMs;
    }

    public void setLingerMs(Integer lingerMs) {
        this.lingerMs = lingerMs;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public KafkaSecuritySpec getSecurity() {
        return security;
    }

    public void setSecurity(KafkaSecuritySpec security) {
        this.security = security;
    }

    public SchemaRegistrySpec getSchemaRegistry() {
        return schemaRegistry;
    }

    public void setSchemaRegistry(SchemaRegistrySpec schemaRegistry) {
        this.schemaRegistry = schemaRegistry;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties == null ? new LinkedHashMap<>() : properties;
    }
}
