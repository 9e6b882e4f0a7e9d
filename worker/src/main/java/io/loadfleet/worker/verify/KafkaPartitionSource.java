package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.KafkaFailures;
import io.loadfleet.worker.sink.RootCause;
import io.loadfleet.worker.sink.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Partitions of a Kafka topic, assigned to one consumer directly: no group, so no rebalance can move a
 * partition away, and no offset is committed. A position is an offset; a reader goes on from the next one.
 */
final class KafkaPartitionSource implements PartitionSource {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final String topic;
    private final Properties settings;
    private final Duration timeout;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private int partitionCount;
    /** The ends {@link #caughtUp} reads up to, taken when first asked. */
    private Map<TopicPartition, Long> ends;

    private KafkaPartitionSource(
            KafkaConsumer<byte[], byte[]> consumer,
            String bootstrapServers,
            String topic,
            Properties settings,
            Duration timeout) {
        this.consumer = consumer;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.settings = settings;
        this.timeout = timeout;
    }

    /** @param settings the client's security settings, as the producer's ({@link TopicReaders#settings}) */
    static KafkaPartitionSource open(
            String bootstrapServers, String topic, Properties settings, String clientId, Duration timeout) {
        KafkaPartitionSource source = new KafkaPartitionSource(
                KafkaTopicReader.consumer(bootstrapServers, settings, clientId),
                bootstrapServers,
                topic,
                settings,
                timeout);
        try {
            source.refreshPartitionCount();
            return source;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public int partitionCount() {
        return partitionCount;
    }

    @Override
    public int refreshPartitionCount() {
        try {
            int count = consumer.partitionsFor(topic, timeout).size();
            if (count == 0) {
                throw new SinkException("Kafka at " + bootstrapServers + " has no topic " + topic, null);
            }
            partitionCount = count;
            return count;
        } catch (KafkaException e) {
            throw failure(e);
        }
    }

    @Override
    public RecordPosition position(String text) {
        long next;
        try {
            next = Long.parseLong(text);
        } catch (NumberFormatException e) {
            next = -1;
        }
        if (next < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a Kafka offset (a whole number >= 0)");
        }
        return new KafkaOffset(next - 1);
    }

    @Override
    public Map<Integer, RecordPosition> start(Map<Integer, RecordPosition> after) {
        List<TopicPartition> atEnd = new ArrayList<>();
        after.forEach((p, position) -> {
            if (position == null) {
                atEnd.add(partition(p));
            }
        });
        Map<TopicPartition, Long> endsNow;
        try {
            endsNow = atEnd.isEmpty() ? Map.of() : consumer.endOffsets(atEnd, timeout);
        } catch (KafkaException e) {
            throw failure(e);
        }
        Map<Integer, RecordPosition> started = new TreeMap<>();
        after.forEach((p, position) ->
                started.put(p, position != null ? position : new KafkaOffset(endsNow.get(partition(p)) - 1)));
        started.keySet().forEach(p -> assigned.add(partition(p)));
        consumer.assign(assigned);
        started.forEach((p, position) -> consumer.seek(partition(p), ((KafkaOffset) position).offset() + 1));
        return started;
    }

    @Override
    public void stop(int partition) {
        // records of it the consumer has fetched are dropped with the assignment: no poll returns them
        assigned.remove(partition(partition));
        consumer.assign(assigned);
    }

    @Override
    public boolean reads(int partition) {
        return assigned.contains(partition(partition));
    }

    @Override
    public List<ConsumedRecord> read() {
        if (assigned.isEmpty()) {
            return List.of();
        }
        ConsumerRecords<byte[], byte[]> batch;
        try {
            batch = consumer.poll(Duration.ZERO);
        } catch (KafkaException e) {
            throw failure(e);
        }
        long now = System.currentTimeMillis();
        List<ConsumedRecord> records = new ArrayList<>(batch.count());
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            records.add(KafkaTopicReader.identity(r, now));
        }
        return records;
    }

    @Override
    public boolean caughtUp() {
        try {
            if (ends == null) {
                ends = consumer.endOffsets(assigned, timeout);
            }
            return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
        } catch (KafkaException e) {
            throw failure(e);
        }
    }

    private TopicPartition partition(int index) {
        return new TopicPartition(topic, index);
    }

    /** One line naming the brokers: refused credentials, no answer, or what else the client says. */
    private SinkException failure(KafkaException e) {
        if (e instanceof AuthenticationException refused) {
            return KafkaFailures.refused(bootstrapServers, settings, refused);
        }
        if (e instanceof TimeoutException) {
            return KafkaFailures.noAnswer(bootstrapServers, timeout, e);
        }
        return new SinkException(
                "cannot read topic " + topic + " on Kafka at " + bootstrapServers + ": " + RootCause.message(e), e);
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
