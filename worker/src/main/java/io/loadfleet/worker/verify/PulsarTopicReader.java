package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.OutgoingRecord;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;

/** All partitions of a Pulsar topic from the earliest message, on a throwaway subscription. */
final class PulsarTopicReader implements TopicReader {
    private final PulsarClient client;
    private final org.apache.pulsar.client.api.Consumer<byte[]> consumer;
    private final Duration idle;

    PulsarTopicReader(String serviceUrl, String topic, Duration idle) throws PulsarClientException {
        this.client = PulsarClient.builder().serviceUrl(serviceUrl).build();
        try {
            // bytes, whatever schema the topic holds: only the properties are read
            this.consumer = client.newConsumer()
                    .topic(topic)
                    .subscriptionName("loadfleet-verify-" + System.nanoTime())
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                    .receiverQueueSize(10_000)
                    .subscribe();
        } catch (PulsarClientException | RuntimeException e) {
            client.close();
            throw e;
        }
        this.idle = idle;
    }

    @Override
    public void readAll(Consumer<ConsumedRecord> each) throws PulsarClientException {
        while (true) {
            Message<byte[]> m = consumer.receive((int) idle.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                return;
            }
            each.accept(Identity.of(
                    m.getProperty(OutgoingRecord.HEADER_PROFILE),
                    m.getProperty(OutgoingRecord.HEADER_SHARD),
                    m.getProperty(OutgoingRecord.HEADER_EPOCH),
                    m.getProperty(OutgoingRecord.HEADER_SEQUENCE),
                    m.getTopicName(),
                    m.getEventTime(),
                    System.currentTimeMillis(),
                    m.getData()));
            consumer.acknowledge(m);
        }
    }

    @Override
    public void close() throws PulsarClientException {
        try {
            consumer.close();
        } finally {
            client.close();
        }
    }
}
