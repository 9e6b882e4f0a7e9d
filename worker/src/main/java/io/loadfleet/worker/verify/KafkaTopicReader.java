package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.KafkaFailures;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordIdentity;
import io.loadfleet.worker.sink.RootCause;
import io.loadfleet.worker.sink.SinkException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** All partitions of a Kafka topic from the beginning, without a consumer group. */
final class KafkaTopicReader implements TopicReader {
    private static final Duration POLL = Duration.ofMillis(250);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final String topic;
    private final Properties settings;
    private final Duration connectTimeout;
    private final Duration idle;

    /** @param settings the client's security settings, see {@link TopicReaders#settings} */
    KafkaTopicReader(
            String bootstrapServers, String topic, Properties settings, Duration connectTimeout, Duration idle) {
        this.consumer = consumer(bootstrapServers, settings, "loadfleet-verify");
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.settings = settings;
        this.connectTimeout = connectTimeout;
        this.idle = idle;
    }

    /**
     * A consumer of bytes without a group, that never creates the topic it reads, and reads a partition
     * from its earliest record when told to go on from a position no longer there (retention deleted it).
     */
    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, Properties settings, String clientId) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // reading a topic back must not create it when it is missing
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try {
            return new KafkaConsumer<>(p);
        } catch (KafkaException e) {
            throw new InvalidSinkSettingException(
                    "sink.kafka: the consumer refuses its settings: " + RootCause.message(e), e);
        }
    }

    @Override
    public void readAll(Consumer<ConsumedRecord> each) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, connectTimeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new SinkException("Kafka at " + bootstrapServers + " has no topic " + topic, null);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < idle.toNanos()) {
                var batch = consumer.poll(POLL);
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    each.accept(identity(r, now));
                }
                if (!batch.isEmpty()) {
                    idleSince = System.nanoTime();
                }
            }
        } catch (AuthenticationException refused) {
            throw KafkaFailures.refused(bootstrapServers, settings, refused);
        } catch (TimeoutException e) {
            throw KafkaFailures.noAnswer(bootstrapServers, connectTimeout, e);
        } catch (KafkaException e) {
            throw new SinkException(
                    "cannot read topic " + topic + " on " + bootstrapServers + ": " + RootCause.message(e), e);
        }
    }

    /** The record's identity from its headers, read at {@code now}. */
    static ConsumedRecord identity(ConsumerRecord<byte[], byte[]> r, long now) {
        return Identity.of(
                text(r, RecordIdentity.HEADER),
                name -> text(r, name),
                r.partition(),
                new KafkaOffset(r.offset()),
                r.timestamp(),
                now,
                r.value(),
                text(r, OutgoingRecord.HEADER_INJECTED));
    }

    private static String text(ConsumerRecord<byte[], byte[]> r, String header) {
        Header h = r.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
