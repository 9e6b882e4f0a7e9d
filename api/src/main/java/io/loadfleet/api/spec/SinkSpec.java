package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where messages go: one or more of a Kafka topic, a Pulsar topic and files. Each record is generated once and
 * delivered to every sink set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = SinkSpec.CEL_SINKS + " >= 1",
        message = "spec.sink: is required: set one or more of sink.kafka, sink.pulsar and sink.file")
public class SinkSpec {
    /** CEL: how many sinks are set, the admission twin of {@link #kinds()}{@code .size()}. */
    static final String CEL_SINKS = "(has(self.kafka) ? 1 : 0) + (has(self.pulsar) ? 1 : 0) + (has(self.file) ? 1 : 0)";

    @JsonPropertyDescription("Send to an Apache Kafka topic.")
    private KafkaSinkSpec kafka;

    @JsonPropertyDescription("Send to an Apache Pulsar topic.")
    private PulsarSinkSpec pulsar;

    @JsonPropertyDescription("Write to files instead of a broker: one file set per shard, rolled by size.")
    private FileSinkSpec file;

    /** The path of sink.kafka.security.tls, for messages about its CA file. */
    public static final String KAFKA_TLS = "spec.sink.kafka.security.tls";
    /** The path of sink.pulsar.tls, for messages about its CA file. */
    public static final String PULSAR_TLS = "spec.sink.pulsar.tls";

    /** The sinks set, in the order kafka, pulsar, file: a valid spec sets one or more. */
    @JsonIgnore
    public Set<SinkKind> kinds() {
        Set<SinkKind> kinds = EnumSet.noneOf(SinkKind.class);
        if (kafka != null) {
            kinds.add(SinkKind.KAFKA);
        }
        if (pulsar != null) {
            kinds.add(SinkKind.PULSAR);
        }
        if (file != null) {
            kinds.add(SinkKind.FILE);
        }
        return kinds;
    }

    /**
     * The topic verification reads, where trace contexts and injected faults travel: sink.kafka's when set, else
     * sink.pulsar's; null when the records go to files only.
     */
    @JsonIgnore
    public SinkKind topicKind() {
        return kafka != null ? SinkKind.KAFKA : pulsar != null ? SinkKind.PULSAR : null;
    }

    /** Whether the records go to a file sink alone, with no topic beside it. */
    @JsonIgnore
    public boolean filesOnly() {
        return file != null && topicKind() == null;
    }

    /** Every Secret key these validated sinks read at connect time, in spec order: what a pod must have mounted. */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        List<SecretFile> files = new ArrayList<>();
        KafkaSecuritySpec security = kafka == null ? null : kafka.getSecurity();
        if (security != null && security.getSasl() != null) {
            if (security.getSasl().getUsername() == null) {
                files.add(security.getSasl().usernameFile());
            }
            files.add(security.getSasl().passwordFile());
        }
        if (security != null && security.getTls() != null) {
            files.add(security.getTls().caFile(KAFKA_TLS));
        }
        if (kafka != null && kafka.getSchemaRegistry() != null) {
            files.addAll(kafka.getSchemaRegistry().secretFiles());
        }
        if (pulsar != null && pulsar.getAuth() != null) {
            files.add(pulsar.getAuth().getToken().tokenFile());
        }
        if (pulsar != null && pulsar.getTls() != null) {
            files.add(pulsar.getTls().caFile(PULSAR_TLS));
        }
        files.addAll(file == null ? List.of() : file.secretFiles());
        return files;
    }

    public KafkaSinkSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSinkSpec kafka) {
        this.kafka = kafka;
    }

    public PulsarSinkSpec getPulsar() {
        return pulsar;
    }

    public void setPulsar(PulsarSinkSpec pulsar) {
        this.pulsar = pulsar;
    }

    public FileSinkSpec getFile() {
        return file;
    }

    public void setFile(FileSinkSpec file) {
        this.file = file;
    }
}
