package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where messages go; exactly one member is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SinkSpec {
    @JsonPropertyDescription("Send to an Apache Kafka topic.")
    private KafkaSinkSpec kafka;

    @JsonPropertyDescription("Send to an Apache Pulsar topic.")
    private PulsarSinkSpec pulsar;

    public KafkaSinkSpec getKafka() { return kafka; }
    public void setKafka(KafkaSinkSpec kafka) { this.kafka = kafka; }
    public PulsarSinkSpec getPulsar() { return pulsar; }
    public void setPulsar(PulsarSinkSpec pulsar) { this.pulsar = pulsar; }
}
