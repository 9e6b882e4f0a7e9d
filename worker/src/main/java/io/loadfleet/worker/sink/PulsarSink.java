package io.loadfleet.worker.sink;

import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.PulsarBatchingSpec;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.secret.UnreadableSecretException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.ProducerBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.apache.pulsar.common.naming.TopicName;
import org.apache.pulsar.common.schema.SchemaType;

/**
 * Sends to a Pulsar topic with one producer per process. The topic gets the generator's schema
 * (AVRO, or JSON described by the same Avro schema), so consumers can decode through it.
 */
public final class PulsarSink implements RecordSink {

    private final PulsarClient client;
    private final Producer<byte[]> producer;
    /**
     * Sends whose listener has not heard yet. Pulsar's flush returns once the messages are
     * persisted, which can be a moment before the last send futures' callbacks have run; flush
     * waits for those too. A LongAdder, so the sending and the I/O thread do not contend for it.
     */
    private final LongAdder unsettled = new LongAdder();

    private static final long CALLBACK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private PulsarSink(PulsarClient client, Producer<byte[]> producer) {
        this.client = client;
        this.producer = producer;
    }

    /**
     * Creates a partitioned topic when asked to and it is missing, then connects the producer.
     *
     * @param secrets where the token and CA that sink.pulsar.auth and tls name are read from
     */
    public static PulsarSink open(
            PulsarSinkSpec spec,
            String serviceUrl,
            Format format,
            org.apache.avro.Schema schema,
            java.time.Duration connectTimeout,
            SecretFiles secrets) {
        PulsarClientSecurity security = PulsarClientSecurity.of(spec, secrets);
        int timeoutMillis = (int) connectTimeout.toMillis();
        if (spec.getPartitions() != null) {
            ensurePartitionedTopic(
                    spec.getAdminUrl(), spec.fullTopicName(), spec.getPartitions(), timeoutMillis, security);
        }
        PulsarClient client = null;
        try {
            client = security.client(serviceUrl, connectTimeout).build();
            Producer<byte[]> producer = producer(client, spec, format, schema).create();
            return new PulsarSink(client, producer);
        } catch (InvalidSinkSettingException | UnreadableSecretException e) {
            closeQuietly(client);
            throw e;
        } catch (PulsarClientException | RuntimeException e) {
            closeQuietly(client);
            throw new SinkException(
                    "cannot send to " + spec.fullTopicName() + " at " + serviceUrl + ": " + RootCause.message(e), e);
        }
    }

    /** The producer a spec stands for; {@code properties} win over everything else. */
    static ProducerBuilder<byte[]> producer(
            PulsarClient client, PulsarSinkSpec spec, Format format, org.apache.avro.Schema schema) {
        ProducerBuilder<byte[]> b = client.newProducer(
                        PreEncodedSchema.of(format == Format.AVRO ? SchemaType.AVRO : SchemaType.JSON, schema))
                .topic(spec.fullTopicName())
                .blockIfQueueFull(spec.effectiveBlockIfQueueFull());
        if (spec.getCompression() != null) {
            b.compressionType(CompressionType.valueOf(spec.getCompression().name()));
        }
        PulsarBatchingSpec batching = spec.getBatching();
        if (batching != null) {
            if (batching.getEnabled() != null) {
                b.enableBatching(batching.getEnabled());
            }
            if (batching.getMaxDelayMs() != null) {
                b.batchingMaxPublishDelay(batching.getMaxDelayMs(), TimeUnit.MILLISECONDS);
            }
            if (batching.getMaxMessages() != null) {
                b.batchingMaxMessages(batching.getMaxMessages());
            }
            if (batching.getMaxBytes() != null) {
                b.batchingMaxBytes(batching.getMaxBytes());
            }
        }
        if (spec.getSendTimeoutMs() != null) {
            b.sendTimeout(spec.getSendTimeoutMs(), TimeUnit.MILLISECONDS);
        }
        if (!spec.getProperties().isEmpty()) {
            Map<String, Object> conf = new HashMap<>(spec.getProperties());
            try {
                b.loadConf(conf);
            } catch (RuntimeException e) {
                throw new InvalidSinkSettingException(
                        "sink.pulsar.properties: " + RootCause.message(e)
                                + ": use ProducerBuilder.loadConf names, e.g. maxPendingMessages or producerName",
                        e);
            }
        }
        return b;
    }

    private static void ensurePartitionedTopic(
            String adminUrl, String topic, int partitions, int timeoutMillis, PulsarClientSecurity security) {
        try (PulsarAdmin admin = security.apply(PulsarAdmin.builder()
                        .serviceHttpUrl(adminUrl)
                        .connectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .requestTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .build()) {
            // Every pod of a fleet gets here: look first, so only the first one creates it.
            String namespace = TopicName.get(topic).getNamespace();
            if (!admin.topics().getPartitionedTopicList(namespace).contains(topic)) {
                admin.topics().createPartitionedTopic(topic, partitions);
            }
        } catch (PulsarAdminException.ConflictException exists) {
            // created meanwhile, or there as a non-partitioned topic: used as it is, as with Kafka topics
        } catch (PulsarAdminException.NotAuthorizedException refused) {
            throw new SinkException(
                    "the Pulsar admin API at " + adminUrl + " refused this client (HTTP 401): "
                            + "check sink.pulsar.auth and the Secret it names",
                    refused);
        } catch (PulsarClientException | PulsarAdminException e) {
            throw new SinkException(
                    "cannot create partitioned topic " + topic + " through " + adminUrl + ": " + RootCause.message(e),
                    e);
        }
    }

    @Override
    public void send(OutgoingRecord r, SendListener listener) {
        long intended = r.intendedNanos;
        long sequence = r.sequence;
        TypedMessageBuilder<byte[]> message = producer.newMessage()
                .property(RecordIdentity.HEADER, r.identityText())
                .eventTime(r.eventTimeMillis)
                .value(r.value);
        if (r.key != null) { // null: a dataset row whose key column is null, sent without a key as on Kafka
            message.key(new String(r.key, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (r.traceparent != null) {
            message.property(
                    OutgoingRecord.HEADER_TRACEPARENT,
                    new String(r.traceparent, java.nio.charset.StandardCharsets.US_ASCII));
        }
        if (r.injected != null) {
            message.property(OutgoingRecord.HEADER_INJECTED, r.injected);
        }
        unsettled.increment();
        message.sendAsync().whenComplete((id, error) -> {
            if (error == null) {
                listener.acked(intended, sequence);
            } else {
                listener.failed(intended, sequence, error instanceof Exception e ? e : new RuntimeException(error));
            }
            unsettled.decrement();
        });
    }

    @Override
    public void flush() {
        try {
            producer.flush();
        } catch (PulsarClientException e) {
            // the sends that failed were counted by their callbacks
        }
        long deadline = System.nanoTime() + CALLBACK_WAIT_NANOS;
        while (unsettled.sum() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }

    @Override
    public void close() {
        try {
            producer.close();
        } catch (PulsarClientException e) {
            // the sends that failed were counted by their callbacks
        } finally {
            closeQuietly(client);
        }
    }

    private static void closeQuietly(PulsarClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (PulsarClientException ignored) {
                // nothing left to deliver through it
            }
        }
    }
}
