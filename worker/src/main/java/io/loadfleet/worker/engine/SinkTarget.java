package io.loadfleet.worker.engine;

import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.api.spec.SinkKind;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.KafkaSink;
import io.loadfleet.worker.sink.PulsarSink;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.file.FileSink;
import io.loadfleet.worker.sink.registry.RegistryFraming;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
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

    /** Applies the override for the profile's broker; an option meant for the other broker is refused. */
    public static SinkTarget of(SinkSpec spec, String bootstrapServers, String serviceUrl) {
        return switch (spec.kind()) {
            case FILE -> {
                if (bootstrapServers != null || serviceUrl != null) {
                    throw new IllegalArgumentException(
                            (bootstrapServers != null ? "--bootstrap-servers" : "--service-url")
                                    + ": this profile writes files (sink.file), it sends to no broker");
                }
                yield new SinkTarget(spec, null, RecordSink.DEFAULT_CONNECT_TIMEOUT, DEFAULT_SECRETS);
            }
            case PULSAR -> {
                if (bootstrapServers != null) {
                    throw new IllegalArgumentException("--bootstrap-servers: this profile sends to sink.pulsar; "
                            + "give its broker with --service-url pulsar://HOST:6650");
                }
                if (serviceUrl != null && !serviceUrl.matches(Limits.PULSAR_SERVICE_URL_PATTERN)) {
                    throw new IllegalArgumentException("--service-url: \"" + serviceUrl
                            + "\" is not a Pulsar service URL: use pulsar://HOST:6650 or pulsar+ssl://HOST:6651");
                }
                yield new SinkTarget(
                        spec,
                        serviceUrl != null ? serviceUrl : spec.getPulsar().getServiceUrl(),
                        RecordSink.DEFAULT_CONNECT_TIMEOUT,
                        DEFAULT_SECRETS);
            }
            case KAFKA -> {
                if (serviceUrl != null) {
                    throw new IllegalArgumentException("--service-url: this profile sends to sink.kafka; "
                            + "give its brokers with --bootstrap-servers HOST:PORT");
                }
                yield new SinkTarget(
                        spec,
                        bootstrapServers != null
                                ? bootstrapServers
                                : spec.getKafka().getBootstrapServers(),
                        RecordSink.DEFAULT_CONNECT_TIMEOUT,
                        DEFAULT_SECRETS);
            }
        };
    }

    public boolean isKafka() {
        return spec.kind() == SinkKind.KAFKA;
    }

    public boolean isPulsar() {
        return spec.kind() == SinkKind.PULSAR;
    }

    public boolean isFile() {
        return spec.kind() == SinkKind.FILE;
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
        return isKafka()
                && spec.getKafka().getSecurity() != null
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
        return switch (spec.kind()) {
            case FILE ->
                Path.of(spec.getFile().getPath())
                        .toAbsolutePath()
                        .resolve("*." + spec.getFile().getFormat().extension())
                        .toString();
            case KAFKA -> "kafka://" + address + "/" + spec.getKafka().getTopic();
            case PULSAR -> address + "/" + spec.getPulsar().fullTopicName().replace("://", "/");
        };
    }

    /**
     * With sink.kafka.schemaRegistry, the frame of the schema's values: registered (or looked up)
     * before the producer connects, so a refused schema sends nothing; null without a registry.
     */
    private byte[] registryHeader(Schema schema) {
        SchemaRegistrySpec registry = spec.getKafka().getSchemaRegistry();
        return registry == null
                ? null
                : RegistryFraming.header(SchemaRegistryClient.of(registry, secrets, connectTimeout)
                        .valueSchemaId(spec.getKafka().getTopic(), schema));
    }

    /** Connects; a broker that cannot be reached or a topic that cannot be made is a {@link SinkException}. */
    public RecordSink open(String clientId, Format format, Schema schema) {
        if (isFile()) {
            return FileSink.open(spec.getFile(), schema, secrets);
        }
        if (address == null) {
            throw new IllegalStateException(missingAddress());
        }
        return isKafka()
                ? KafkaSink.open(spec.getKafka(), address, clientId, connectTimeout, secrets, registryHeader(schema))
                : PulsarSink.open(spec.getPulsar(), address, format, schema, connectTimeout, secrets);
    }
}
