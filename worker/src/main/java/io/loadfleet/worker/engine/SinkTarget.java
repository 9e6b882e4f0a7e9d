package io.loadfleet.worker.engine;

import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.S3UploadSpec;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.api.spec.SinkKind;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.FanOutSink;
import io.loadfleet.worker.sink.KafkaSink;
import io.loadfleet.worker.sink.PulsarSink;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SinkException;
import io.loadfleet.worker.sink.SinkLeg;
import io.loadfleet.worker.sink.file.FileSink;
import io.loadfleet.worker.sink.registry.RegistryFraming;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The sinks a process sends to: the profile's sinks and their broker addresses after a command-line
 * override ({@code --bootstrap-servers} for Kafka, {@code --service-url} for Pulsar), and its files.
 *
 * @param kafkaAddress   sink.kafka's bootstrap servers; null when neither the spec nor an option gives them, and
 *                       without sink.kafka
 * @param pulsarAddress  sink.pulsar's service URL; null when neither the spec nor an option gives it, and without
 *                       sink.pulsar
 * @param connectTimeout how long {@link #open} waits for a broker before it gives up
 * @param secrets        where the Secret keys the sinks name are read from ({@code --secrets-dir})
 */
public record SinkTarget(
        SinkSpec spec, String kafkaAddress, String pulsarAddress, Duration connectTimeout, SecretFiles secrets) {
    private static final SecretFiles DEFAULT_SECRETS = new SecretFiles(SecretFiles.DEFAULT_DIR);

    /** Applies the overrides for the profile's brokers; an option for a broker the profile does not name is refused. */
    public static SinkTarget of(SinkSpec spec, String bootstrapServers, String serviceUrl) {
        if (spec.filesOnly() && (bootstrapServers != null || serviceUrl != null)) {
            throw new IllegalArgumentException((bootstrapServers != null ? "--bootstrap-servers" : "--service-url")
                    + ": this profile writes files (sink.file), it sends to no broker");
        }
        if (bootstrapServers != null && spec.getKafka() == null) {
            throw new IllegalArgumentException("--bootstrap-servers: this profile sends to sink.pulsar; "
                    + "give its broker with --service-url pulsar://HOST:6650");
        }
        if (serviceUrl != null && spec.getPulsar() == null) {
            throw new IllegalArgumentException("--service-url: this profile sends to sink.kafka; "
                    + "give its brokers with --bootstrap-servers HOST:PORT");
        }
        if (serviceUrl != null && !serviceUrl.matches(Limits.PULSAR_SERVICE_URL_PATTERN)) {
            throw new IllegalArgumentException("--service-url: \"" + serviceUrl
                    + "\" is not a Pulsar service URL: use pulsar://HOST:6650 or pulsar+ssl://HOST:6651");
        }
        return new SinkTarget(
                spec,
                spec.getKafka() == null
                        ? null
                        : bootstrapServers != null
                                ? bootstrapServers
                                : spec.getKafka().getBootstrapServers(),
                spec.getPulsar() == null
                        ? null
                        : serviceUrl != null ? serviceUrl : spec.getPulsar().getServiceUrl(),
                RecordSink.DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_SECRETS);
    }

    /** Whether the topic that is verified, and that carries trace contexts and injected faults, is Kafka's. */
    public boolean isKafka() {
        return spec.topicKind() == SinkKind.KAFKA;
    }

    /** Whether the topic that is verified is Pulsar's: the profile sends to sink.pulsar and not to sink.kafka. */
    public boolean isPulsar() {
        return spec.topicKind() == SinkKind.PULSAR;
    }

    /** Whether the records go to files alone, to no topic. */
    public boolean isFile() {
        return spec.filesOnly();
    }

    /** The address of the topic that is verified: {@link #kafkaAddress} or {@link #pulsarAddress}; null for files. */
    public String address() {
        return isKafka() ? kafkaAddress : isPulsar() ? pulsarAddress : null;
    }

    /** Whether sink.kafka has no bootstrap servers yet: a local run starts an embedded broker for it. */
    public boolean needsKafkaBroker() {
        return spec.getKafka() != null && kafkaAddress == null;
    }

    /** With sink.kafka sent to {@code bootstrapServers}. */
    public SinkTarget withKafkaAt(String bootstrapServers) {
        return new SinkTarget(spec, bootstrapServers, pulsarAddress, connectTimeout, secrets);
    }

    public SinkTarget withConnectTimeout(Duration timeout) {
        return new SinkTarget(spec, kafkaAddress, pulsarAddress, timeout, secrets);
    }

    /** Reads the Secret keys the sinks name from DIR/SECRET/KEY. */
    public SinkTarget withSecretsDir(Path dir) {
        return new SinkTarget(spec, kafkaAddress, pulsarAddress, connectTimeout, new SecretFiles(dir));
    }

    /** Whether sink.kafka speaks TLS or SASL, which the embedded broker (PLAINTEXT) does not. */
    public boolean isSecured() {
        return spec.getKafka() != null
                && spec.getKafka().getSecurity() != null
                && spec.getKafka().getSecurity().getProtocol() != KafkaSecurityProtocol.PLAINTEXT;
    }

    /**
     * Says which broker address is missing and how to give it; null when none is. sink.kafka's is missing only in
     * a pod: a local run starts an embedded broker for it.
     */
    public String missingAddress() {
        if (spec.getKafka() != null && kafkaAddress == null) {
            return "no Kafka bootstrap servers: set sink.kafka.bootstrapServers or give --bootstrap-servers HOST:PORT";
        }
        if (spec.getPulsar() != null && pulsarAddress == null) {
            return "no Pulsar service URL: set sink.pulsar.serviceUrl or give --service-url pulsar://HOST:6650 "
                    + "(an embedded broker is started for Kafka sinks only)";
        }
        return null;
    }

    /**
     * How summaries and logs name the destinations, e.g. {@code kafka://host:9092/topic} or {@code /tmp/out/*.parquet},
     * several joined with ", ".
     */
    public String describe() {
        return spec.kinds().stream().map(this::describe).collect(Collectors.joining(", "));
    }

    private String describe(SinkKind kind) {
        return switch (kind) {
            case FILE -> {
                String files = Path.of(spec.getFile().getPath())
                        .toAbsolutePath()
                        .resolve("*." + spec.getFile().getFormat().extension())
                        .toString();
                S3UploadSpec s3 = spec.getFile().getS3();
                yield s3 == null
                        ? files
                        : "s3://" + s3.getBucket() + "/" + (s3.getPrefix() == null ? "" : s3.getPrefix())
                                + " (staged as " + files + ")";
            }
            case KAFKA -> "kafka://" + kafkaAddress + "/" + spec.getKafka().getTopic();
            case PULSAR ->
                pulsarAddress + "/" + spec.getPulsar().fullTopicName().replace("://", "/");
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

    /**
     * Connects to every sink, in spec order; with several, one {@link FanOutSink} delivers each record to them all.
     * A broker that cannot be reached or a topic that cannot be made is a {@link SinkException}, and closes the sinks
     * opened before it.
     */
    public RecordSink open(String clientId, Format format, Schema schema) {
        String missing = missingAddress();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        List<SinkLeg> legs = new ArrayList<>();
        try {
            for (SinkKind kind : spec.kinds()) {
                legs.add(new SinkLeg(kind.id(), open(kind, clientId, format, schema)));
            }
        } catch (RuntimeException e) {
            legs.forEach(leg -> leg.sink().close());
            throw e;
        }
        return legs.size() == 1 ? legs.get(0).sink() : new FanOutSink(legs, format, schema, System::nanoTime);
    }

    private RecordSink open(SinkKind kind, String clientId, Format format, Schema schema) {
        return switch (kind) {
            case FILE -> FileSink.open(spec.getFile(), schema, secrets);
            case KAFKA ->
                KafkaSink.open(
                        spec.getKafka(), kafkaAddress, clientId, connectTimeout, secrets, registryHeader(schema));
            case PULSAR -> PulsarSink.open(spec.getPulsar(), pulsarAddress, format, schema, connectTimeout, secrets);
        };
    }
}
