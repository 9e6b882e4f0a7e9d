package io.loadfleet.worker.sink;

import io.loadfleet.api.spec.Acks;
import io.loadfleet.api.spec.KafkaSinkSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends to a Kafka topic with one idempotent producer per process. */
public final class KafkaSink implements RecordSink {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    private KafkaSink(KafkaProducer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Creates the topic when it is missing, then connects the producer. */
    public static KafkaSink open(KafkaSinkSpec spec, String bootstrapServers, String clientId) {
        return open(spec, bootstrapServers, clientId, SinkTarget.DEFAULT_CONNECT_TIMEOUT);
    }

    /** @param connectTimeout how long to wait for a broker to answer before giving up */
    public static KafkaSink open(KafkaSinkSpec spec, String bootstrapServers, String clientId, Duration connectTimeout) {
        ensureTopic(bootstrapServers, spec.getTopic(), spec.getPartitions(), connectTimeout);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(spec, bootstrapServers, clientId));
        // Fetch the topic's metadata now, so the first paced send does not wait for it.
        producer.partitionsFor(spec.getTopic());
        return new KafkaSink(producer, spec.getTopic());
    }

    /** The producer settings a spec stands for; {@code properties} win over everything else. */
    static Properties producerConfig(KafkaSinkSpec spec, String bootstrapServers, String clientId) {
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
        p.putAll(spec.getProperties());
        return p;
    }

    private static void ensureTopic(String bootstrapServers, String topic, Integer partitions, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Admin admin = Admin.create(p);
        try {
            NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.empty());
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SinkException("cannot create topic " + topic + " on " + bootstrapServers + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new SinkException("no Kafka broker answered at " + bootstrapServers + " within "
                    + timeout.toMillis() / 1000.0 + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while creating topic " + topic, e);
        } finally {
            // Without a bound, close waits out the client's 60 s API timeout for a broker that never answered.
            admin.close(Duration.ZERO);
        }
    }

    @Override
    public void send(OutgoingRecord r, SendListener listener) {
        Header[] headers = {
            new RecordHeader(OutgoingRecord.HEADER_PROFILE, r.profileHeader()),
            new RecordHeader(OutgoingRecord.HEADER_SHARD, r.shardHeader()),
            new RecordHeader(OutgoingRecord.HEADER_EPOCH, r.epochHeader()),
            new RecordHeader(OutgoingRecord.HEADER_SEQUENCE, r.sequenceHeader()),
        };
        long intended = r.intendedNanos;
        producer.send(new ProducerRecord<>(topic, null, r.eventTimeMillis, r.key, r.value, new RecordHeaders(headers)),
                (metadata, error) -> {
                    if (error == null) {
                        listener.acked(intended);
                    } else {
                        listener.failed(intended, error);
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
