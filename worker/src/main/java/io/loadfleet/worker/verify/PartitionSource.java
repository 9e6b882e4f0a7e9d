package io.loadfleet.worker.verify;

import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.sink.PulsarClientSecurity;
import java.util.List;
import java.util.Map;

/**
 * The partitions of one topic a verifier reads, each from a position of its own, connected as the sink's
 * producer is. Each partition is read whole, in order, by this one reader: that keeps every key's order
 * (stronger than a Key_Shared subscription, which may move keys between consumers), and it is what lets a
 * position tell a record read again (a redelivery) from a second copy sent (a duplicate). Nothing is
 * committed or acknowledged, and no subscription outlives it. For one thread.
 */
interface PartitionSource extends AutoCloseable {

    /**
     * Connects to the topic {@code target} sends to and learns its partitions.
     *
     * @param clientName the Kafka client.id, or the name of the Pulsar readers' subscriptions
     * @throws io.loadfleet.worker.sink.SinkException               when the broker cannot be reached, refuses the
     *                                                              client, or has no such topic
     * @throws io.loadfleet.worker.sink.InvalidSinkSettingException when the client refuses the sink's settings
     * @throws io.loadfleet.worker.secret.UnreadableSecretException when a Secret key the sink names has no file
     */
    static PartitionSource open(SinkTarget target, String clientName) {
        if (target.isKafka()) {
            return KafkaPartitionSource.open(
                    target.address(),
                    target.spec().getKafka().getTopic(),
                    TopicReaders.settings(target.spec().getKafka(), target.secrets()),
                    clientName,
                    target.connectTimeout());
        }
        if (target.isPulsar()) {
            return PulsarPartitionSource.open(
                    PulsarClientSecurity.of(target.spec().getPulsar(), target.secrets())
                            .client(target.address(), target.connectTimeout()),
                    target.address(),
                    target.spec().getPulsar().fullTopicName(),
                    clientName,
                    target.connectTimeout());
        }
        throw new IllegalArgumentException("a verifier reads a broker's topic; sink.file writes files");
    }

    /** The topic's partitions as last asked (1 for a topic without partitions). */
    int partitionCount();

    /**
     * Asks the broker again how many partitions the topic has (one may have been added).
     *
     * @throws io.loadfleet.worker.sink.SinkException when the broker does not answer
     */
    int refreshPartitionCount();

    /**
     * The position a verifier reported ({@link RecordPosition#resumeText}) as the record reading goes on after.
     *
     * @throws IllegalArgumentException when the text is not a position of this broker
     */
    RecordPosition position(String text);

    /**
     * Starts reading each partition right after its position, or, for a null one, after its last record now.
     * All start or none: partitions it reads already are not given.
     *
     * @return per partition, the position reading goes on after
     * @throws io.loadfleet.worker.sink.SinkException when the broker does not answer; nothing started then
     */
    Map<Integer, RecordPosition> start(Map<Integer, RecordPosition> after);

    /** Stops reading a partition: nothing of it is read from now on. */
    void stop(int partition);

    /** Whether it reads {@code partition} now. */
    boolean reads(int partition);

    /**
     * What has arrived in the partitions it reads, in the order read; without waiting: empty when nothing has.
     *
     * @throws io.loadfleet.worker.sink.SinkException when the broker failed; nothing was read then
     */
    List<ConsumedRecord> read();

    /**
     * Whether every partition it reads has been read up to its end as it was when first asked (Kafka) or is
     * now (Pulsar).
     */
    boolean caughtUp();

    @Override
    void close();
}
