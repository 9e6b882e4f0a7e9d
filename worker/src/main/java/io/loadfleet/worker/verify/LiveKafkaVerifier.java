package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.KafkaFailures;
import io.loadfleet.worker.sink.SinkException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * The live verifier of a Kafka topic. Every partition is assigned to it directly: no group, so no
 * rebalance can move a partition away mid-run.
 */
public final class LiveKafkaVerifier extends LiveVerifier {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final String bootstrapServers;
    private Map<TopicPartition, Long> ends;

    private LiveKafkaVerifier(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            LiveAudit audit,
            String bootstrapServers) {
        super(audit);
        this.consumer = consumer;
        this.partitions = partitions;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts consuming {@code topic} from its current end, so only what is sent from now on is audited.
     *
     * @param settings the client's security settings, as the producer's ({@link TopicReaders#settings})
     * @param decodes  whether a value is a well-formed record of the format
     */
    public static LiveKafkaVerifier start(
            String bootstrapServers,
            String topic,
            Properties settings,
            Duration connectTimeout,
            Predicate<byte[]> decodes) {
        KafkaConsumer<byte[], byte[]> consumer = KafkaTopicReader.consumer(bootstrapServers, settings);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, connectTimeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> consumer.position(p, connectTimeout)); // the end now, not at the first poll
            LiveKafkaVerifier verifier =
                    new LiveKafkaVerifier(consumer, partitions, new LiveAudit(decodes), bootstrapServers);
            verifier.startConsuming();
            return verifier;
        } catch (AuthenticationException refused) {
            consumer.close(Duration.ZERO);
            throw KafkaFailures.refused(bootstrapServers, settings, refused);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw KafkaFailures.noAnswer(bootstrapServers, connectTimeout, e);
        }
    }

    @Override
    protected void consumeSome() {
        var batch = consumer.poll(POLL);
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            audit.accept(KafkaTopicReader.identity(r, now));
        }
    }

    /** The partitions' ends when first asked, the producers having flushed: everything they acked lies below. */
    @Override
    protected boolean caughtUp() {
        if (ends == null) {
            ends = consumer.endOffsets(partitions);
        }
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    protected SinkException failure(Exception e) {
        return new SinkException("live verify lost Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
    }

    @Override
    protected void closeConsumer() {
        consumer.close(Duration.ZERO);
    }
}
