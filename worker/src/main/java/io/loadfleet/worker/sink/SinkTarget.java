package io.loadfleet.worker.sink;

import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.sink.file.FileSink;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.avro.Schema;

/**
 * The sink a process sends to: the profile's sink and its broker address after a command-line
 * override ({@code --bootstrap-servers} for Kafka, {@code --service-url} for Pulsar), or its files.
 *
 * @param address        bootstrap servers or service URL; null when neither the spec nor an option gives one,
 *                       and for files
 * @param connectTimeout how long {@link #open} waits for the broker before it gives up
 * @param secrets        where the Secret keys the sink names are read from ({@code --secrets-dir})
 */
public record SinkTarget(SinkSpec spec, String address, Duration connectTimeout, SecretFiles secrets) {
    private static final SecretFiles DEFAULT_SECRETS = new SecretFiles(SecretFiles.DEFAULT_DIR);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Applies the override for the profile's broker; an option meant for the other broker is refused. */
    public static SinkTarget of(SinkSpec spec, String bootstrapServers, String serviceUrl) {
        if (spec.getFile() != null) {
            if (bootstrapServers != null || serviceUrl != null) {
                throw new IllegalArgumentException((bootstrapServers != null ? "--bootstrap-servers" : "--service-url")
                        + ": this profile writes files (sink.file), it sends to no broker");
            }
            return new SinkTarget(spec, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SECRETS);
        }
        if (spec.getPulsar() != null) {
            if (bootstrapServers != null) {
                throw new IllegalArgumentException("--bootstrap-servers: this profile sends to sink.pulsar; "
                        + "give its broker with --service-url pulsar://HOST:6650");
            }
            if (serviceUrl != null && !serviceUrl.matches("pulsar(\\+ssl)?://\\S+")) {
                throw new IllegalArgumentException("--service-url: \"" + serviceUrl
                        + "\" is not a Pulsar service URL: use pulsar://HOST:6650 or pulsar+ssl://HOST:6651");
            }
            return new SinkTarget(spec, serviceUrl != null ? serviceUrl : spec.getPulsar().getServiceUrl(), DEFAULT_CONNECT_TIMEOUT,
                    DEFAULT_SECRETS);
        }
        if (serviceUrl != null) {
            throw new IllegalArgumentException("--service-url: this profile sends to sink.kafka; "
                    + "give its brokers with --bootstrap-servers HOST:PORT");
        }
        return new SinkTarget(spec, bootstrapServers != null ? bootstrapServers : spec.getKafka().getBootstrapServers(),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_SECRETS);
    }

    public boolean isKafka() {
        return spec.getKafka() != null;
    }

    public boolean isPulsar() {
        return spec.getPulsar() != null;
    }

    public boolean isFile() {
        return spec.getFile() != null;
    }

    public SinkTarget at(String otherAddress) {
        return new SinkTarget(spec, otherAddress, connectTimeout, secrets);
    }

    public SinkTarget withConnectTimeout(Duration timeout) {
        return new SinkTarget(spec, address, timeout, secrets);
    }

    /** Reads the Secret keys the sink names from DIR/SECRET/KEY. */
    public SinkTarget withSecretsDir(Path dir) {
        return new SinkTarget(spec, address, connectTimeout, new SecretFiles(dir));
    }

    /** Whether the sink speaks TLS or SASL, which the embedded broker (PLAINTEXT) does not. */
    public boolean isSecured() {
        return isKafka() && spec.getKafka().getSecurity() != null
                && spec.getKafka().getSecurity().getProtocol() != KafkaSecurityProtocol.PLAINTEXT;
    }

    /** Says what is missing when there is no address, and how to give it. */
    public String missingAddress() {
        return isKafka()
                ? "no Kafka bootstrap servers: set sink.kafka.bootstrapServers or give --bootstrap-servers HOST:PORT"
                : "no Pulsar service URL: set sink.pulsar.serviceUrl or give --service-url pulsar://HOST:6650 "
                        + "(an embedded broker is started for Kafka sinks only)";
    }

    /** How summaries and logs name the destination, e.g. {@code kafka://host:9092/topic} or {@code /tmp/out/*.parquet}. */
    public String describe() {
        if (isFile()) {
            return Path.of(spec.getFile().getPath()).toAbsolutePath().resolve("*." + spec.getFile().getFormat().extension()).toString();
        }
        return isKafka() ? "kafka://" + address + "/" + spec.getKafka().getTopic()
                : address + "/" + spec.getPulsar().fullTopicName().replace("://", "/");
    }

    /** Connects; a broker that cannot be reached or a topic that cannot be made is a {@link SinkException}. */
    public RecordSink open(String clientId, Format format, Schema schema) {
        if (isFile()) {
            return FileSink.open(spec.getFile(), schema);
        }
        if (address == null) {
            throw new IllegalStateException(missingAddress());
        }
        return isKafka() ? KafkaSink.open(spec.getKafka(), address, clientId, connectTimeout, secrets)
                : PulsarSink.open(spec.getPulsar(), address, format, schema, connectTimeout, secrets);
    }
}
