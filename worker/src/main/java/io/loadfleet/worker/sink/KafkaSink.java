package io.loadfleet.worker.sink;

import io.loadfleet.api.spec.Acks;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.secret.SecretFiles;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends to a Kafka topic with one idempotent producer per process. */
public final class KafkaSink implements RecordSink {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    /** The registry frame every value starts with; null for bare values. */
    private final byte[] registryHeader;

    private KafkaSink(KafkaProducer<byte[], byte[]> producer, String topic, byte[] registryHeader) {
        this.producer = producer;
        this.topic = topic;
        this.registryHeader = registryHeader;
    }

    /** Creates the topic when it is missing, then connects the producer; for a spec without security or registry. */
    public static KafkaSink open(KafkaSinkSpec spec, String bootstrapServers, String clientId) {
        return open(
                spec,
                bootstrapServers,
                clientId,
                DEFAULT_CONNECT_TIMEOUT,
                new SecretFiles(SecretFiles.DEFAULT_DIR),
                null);
    }

    /**
     * @param connectTimeout how long to wait for a broker to answer before giving up
     * @param secrets        where the credentials and CA that sink.kafka.security names are read from
     * @param registryHeader the frame every Avro value starts with (a schema registry's); null for bare values
     */
    public static KafkaSink open(
            KafkaSinkSpec spec,
            String bootstrapServers,
            String clientId,
            Duration connectTimeout,
            SecretFiles secrets,
            byte[] registryHeader) {
        Properties security = KafkaClientSecurity.of(spec, secrets);
        ensureTopic(bootstrapServers, spec.getTopic(), spec.getPartitions(), connectTimeout, security);
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(producerConfig(spec, bootstrapServers, clientId, security));
        } catch (KafkaException e) {
            throw new InvalidSinkSettingException(
                    "sink.kafka: the producer refuses its settings: " + RootCause.message(e), e);
        }
        try {
            // Fetch the topic's metadata now, so the first paced send does not wait for it.
            producer.partitionsFor(spec.getTopic());
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new SinkException(
                    "cannot send to " + spec.getTopic() + " on " + bootstrapServers + ": " + RootCause.message(e), e);
        }
        return new KafkaSink(producer, spec.getTopic(), registryHeader);
    }

    /** The producer settings a spec stands for, with its security settings; {@code properties} win over everything else. */
    static Properties producerConfig(
            KafkaSinkSpec spec, String bootstrapServers, String clientId, Properties security) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Acks acks = spec.getAcks() == null ? Acks.ALL : spec.getAcks();
        p.put(ProducerConfig.ACKS_CONFIG, acks.value());
        // Idempotence needs acks=all; with weaker acks the user has chosen possible loss anyway.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(acks == Acks.ALL));
        if (spec.getCompression() != null) {
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, spec.getCompression().value());
        }
        if (spec.getLingerMs() != null) {
            p.put(ProducerConfig.LINGER_MS_CONFIG, spec.getLingerMs().toString());
        }
        if (spec.getBatchSize() != null) {
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, spec.getBatchSize().toString());
        }
        p.putAll(security);
        p.putAll(spec.getProperties());
        return p;
    }

    private static void ensureTopic(
            String bootstrapServers, String topic, Integer partitions, Duration timeout, Properties security) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(security);
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            throw new InvalidSinkSettingException(
                    "sink.kafka.security: the client refuses it: " + RootCause.message(e), e);
        }
        try {
            NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.empty());
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw KafkaFailures.refused(bootstrapServers, security, refused);
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SinkException(
                        "cannot create topic " + topic + " on " + bootstrapServers + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw KafkaFailures.noAnswer(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while creating topic " + topic, e);
        } finally {
            // Without a bound, close waits out the client's 60 s API timeout for a broker that never answered.
            admin.close(Duration.ZERO);
        }
    }

    @Override
    public boolean sendsPlainValues(Format format) {
        return registryHeader == null;
    }

    @Override
    public RecordEncoder encoder(Format format, Schema schema) {
        return registryHeader == null
                ? RecordSink.super.encoder(format, schema)
                : Encoders.avroAfter(registryHeader, schema);
    }

    @Override
    public void send(OutgoingRecord r, SendListener listener) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(RecordIdentity.HEADER, r.identityHeader()));
        if (r.traceparent != null) {
            headers.add(new RecordHeader(OutgoingRecord.HEADER_TRACEPARENT, r.traceparent));
        }
        if (r.injected != null) {
            headers.add(new RecordHeader(OutgoingRecord.HEADER_INJECTED, r.injectedHeader()));
        }
        long intended = r.intendedNanos;
        long sequence = r.sequence;
        producer.send(
                new ProducerRecord<>(topic, null, r.eventTimeMillis, r.key, r.value, headers), (metadata, error) -> {
                    if (error == null) {
                        listener.acked(intended, sequence);
                    } else {
                        listener.failed(intended, sequence, error);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
