package io.loadfleet.worker.verify;

import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.KafkaClientSecurity;
import io.loadfleet.worker.sink.PulsarClientSecurity;
import java.time.Duration;
import java.util.Properties;

/** The reader for each broker, connecting as the sink's producer does. */
public final class TopicReaders {
    private TopicReaders() {}

    /**
     * The reader of the topic {@code sink} names (sink.kafka's when it names Pulsar's too), at {@code address} (its bootstrap servers or service
     * URL), with the sink's TLS, SASL or token read from {@code secrets}.
     *
     * @param connectTimeout how long the broker may take to answer before the reader gives up
     * @param idle           how long the topic must stay without a new record for reading to end
     * @throws io.loadfleet.worker.secret.UnreadableSecretException when a Secret key the sink names has no file
     * @throws io.loadfleet.worker.sink.SinkException               when the broker cannot be reached or refuses the client
     */
    public static TopicReader open(
            SinkSpec sink, String address, SecretFiles secrets, Duration connectTimeout, Duration idle) {
        if (sink.getKafka() != null) { // the topic verified when both are set: SinkSpec.topicKind()
            return new KafkaTopicReader(
                    address, sink.getKafka().getTopic(), settings(sink.getKafka(), secrets), connectTimeout, idle);
        }
        if (sink.getPulsar() != null) {
            return new PulsarTopicReader(
                    PulsarClientSecurity.of(sink.getPulsar(), secrets).client(address, connectTimeout),
                    address,
                    sink.getPulsar().fullTopicName(),
                    idle);
        }
        throw new IllegalArgumentException("verify reads a broker's topic; sink.file writes files");
    }

    /**
     * The sink's security settings, and those of its pass-through properties that say how a client
     * connects (ssl.*, sasl.*, security.*: e.g. ssl.endpoint.identification.algorithm), so the
     * consumer reaches the brokers the way the producer did. Producer tuning is left out.
     */
    public static Properties settings(KafkaSinkSpec spec, SecretFiles secrets) {
        Properties p = KafkaClientSecurity.of(spec, secrets);
        spec.getProperties().forEach((name, value) -> {
            if (name.startsWith("ssl.") || name.startsWith("sasl.") || name.startsWith("security.")) {
                p.put(name, value);
            }
        });
        return p;
    }
}
