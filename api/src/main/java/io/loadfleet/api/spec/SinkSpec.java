package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Where messages go; exactly one member is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SinkSpec {
    @JsonPropertyDescription("Send to an Apache Kafka topic.")
    private KafkaSinkSpec kafka;

    @JsonPropertyDescription("Send to an Apache Pulsar topic.")
    private PulsarSinkSpec pulsar;

    /**
     * Every Secret key this sink reads at connect time, in spec order: what a pod must have mounted.
     * Only references of a valid spec count (a SASL block without a secret name has none).
     */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        List<SecretFile> files = new ArrayList<>();
        if (kafka != null && kafka.getSecurity() != null) {
            String at = "spec.sink.kafka.security.";
            SaslSpec sasl = kafka.getSecurity().getSasl();
            if (sasl != null && sasl.getSecretRef() != null && sasl.getSecretRef().getName() != null) {
                PasswordSecretRef ref = sasl.getSecretRef();
                files.add(new SecretFile(at + "sasl.secretRef.usernameKey", ref.getName(), ref.effectiveUsernameKey()));
                files.add(new SecretFile(at + "sasl.secretRef.passwordKey", ref.getName(), ref.effectivePasswordKey()));
            }
            tls(files, at, kafka.getSecurity().getTls());
        }
        if (pulsar != null) {
            String at = "spec.sink.pulsar.";
            PulsarAuthSpec auth = pulsar.getAuth();
            if (auth != null && auth.getToken() != null && auth.getToken().getSecretRef() != null
                    && auth.getToken().getSecretRef().getName() != null) {
                TokenSecretRef ref = auth.getToken().getSecretRef();
                files.add(new SecretFile(at + "auth.token.secretRef.key", ref.getName(), ref.effectiveKey()));
            }
            tls(files, at, pulsar.getTls());
        }
        return files;
    }

    private static void tls(List<SecretFile> files, String at, TlsSpec tls) {
        if (tls != null && tls.getSecretRef() != null && tls.getSecretRef().getName() != null) {
            files.add(new SecretFile(at + "tls.secretRef.caKey", tls.getSecretRef().getName(), tls.getSecretRef().effectiveCaKey()));
        }
    }

    public KafkaSinkSpec getKafka() { return kafka; }
    public void setKafka(KafkaSinkSpec kafka) { this.kafka = kafka; }
    public PulsarSinkSpec getPulsar() { return pulsar; }
    public void setPulsar(PulsarSinkSpec pulsar) { this.pulsar = pulsar; }
}
