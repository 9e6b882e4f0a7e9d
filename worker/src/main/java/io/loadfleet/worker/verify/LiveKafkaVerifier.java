package io.loadfleet.worker.verify;

import io.loadfleet.api.status.VerifyStatus;
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
 * Consumes a Kafka topic while the load runs, from the records that arrive after it started, and
 * audits each one as it comes ({@link LiveAudit}). Every partition is assigned to it directly: no
 * group, so no rebalance can move a partition away mid-run.
 */
public final class LiveKafkaVerifier {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final LiveAudit audit;
    private final String bootstrapServers;
    private final Thread thread;
    private volatile long finishDeadlineNanos = Long.MAX_VALUE;
    private volatile boolean finishing;
    private volatile RuntimeException failure;

    private LiveKafkaVerifier(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            LiveAudit audit,
            String bootstrapServers) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.audit = audit;
        this.bootstrapServers = bootstrapServers;
        this.thread = new Thread(this::consume, "live-verify");
        this.thread.setDaemon(true);
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
            verifier.thread.start();
            return verifier;
        } catch (AuthenticationException refused) {
            consumer.close(Duration.ZERO);
            throw KafkaFailures.refused(bootstrapServers, settings, refused);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw KafkaFailures.noAnswer(bootstrapServers, connectTimeout, e);
        }
    }

    private void consume() {
        try {
            Map<TopicPartition, Long> ends = null;
            while (true) {
                if (finishing && ends == null) {
                    ends = consumer.endOffsets(partitions);
                }
                if (ends != null && (caughtUp(ends) || System.nanoTime() > finishDeadlineNanos)) {
                    return;
                }
                var batch = consumer.poll(POLL);
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    audit.accept(KafkaTopicReader.identity(r, now));
                }
            }
        } catch (KafkaException e) {
            failure = new SinkException("live verify lost Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * Once the producers have flushed: reads on until it has consumed everything the topic holds now,
     * or {@code grace} has passed, and says what it found against what they acknowledged.
     *
     * @throws SinkException when the consumer failed on the way
     */
    public VerifyStatus finish(Map<StreamId, LiveAudit.AckedRecords> acked, Duration grace)
            throws InterruptedException {
        finishDeadlineNanos = System.nanoTime() + grace.toNanos();
        finishing = true;
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return audit.status(acked, true);
    }
}
