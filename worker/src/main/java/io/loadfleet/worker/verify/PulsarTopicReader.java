package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordIdentity;
import io.loadfleet.worker.sink.RootCause;
import io.loadfleet.worker.sink.SinkException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.naming.TopicName;

/** All partitions of a Pulsar topic from the earliest message, on a throwaway subscription. */
final class PulsarTopicReader implements TopicReader {
    private final PulsarClient client;
    private final org.apache.pulsar.client.api.Consumer<byte[]> consumer;
    private final String serviceUrl;
    private final String topic;
    private final Duration idle;

    /** @param client the client of {@code serviceUrl}, with the sink's token and CA */
    PulsarTopicReader(ClientBuilder client, String serviceUrl, String topic, Duration idle) {
        this.serviceUrl = serviceUrl;
        this.topic = topic;
        this.idle = idle;
        try {
            this.client = client.build();
        } catch (PulsarClientException e) {
            throw failure(e);
        }
        try {
            // bytes, whatever schema the topic holds: only the properties are read
            this.consumer = this.client
                    .newConsumer()
                    .topic(topic)
                    .subscriptionName("loadfleet-verify-" + System.nanoTime())
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                    .receiverQueueSize(10_000)
                    .subscribe();
        } catch (PulsarClientException | RuntimeException e) {
            closeClient();
            throw failure(e);
        }
    }

    @Override
    public void readAll(Consumer<ConsumedRecord> each) {
        try {
            for (Message<byte[]> m = receive(); m != null; m = receive()) {
                each.accept(identity(m, System.currentTimeMillis()));
                consumer.acknowledge(m);
            }
        } catch (PulsarClientException e) {
            throw failure(e);
        }
    }

    /**
     * The message's identity from its properties, read at {@code now}; its partition is the index its topic's
     * name ends with ({@code -partition-N}), 0 for a topic without partitions.
     */
    static ConsumedRecord identity(Message<byte[]> m, long now) {
        return Identity.of(
                m.getProperty(RecordIdentity.HEADER),
                m::getProperty,
                Math.max(0, TopicName.getPartitionIndex(m.getTopicName())),
                new PulsarMessagePosition((MessageIdAdv) m.getMessageId()),
                m.getEventTime(),
                now,
                m.getData(),
                m.getProperty(OutgoingRecord.HEADER_INJECTED));
    }

    /** The next message, or null once the topic stayed idle. */
    private Message<byte[]> receive() throws PulsarClientException {
        return consumer.receive((int) idle.toMillis(), TimeUnit.MILLISECONDS);
    }

    private SinkException failure(Exception e) {
        return failure(topic, serviceUrl, e);
    }

    /** One line naming the topic and the broker, and the field to check when the broker refused the token. */
    static SinkException failure(String topic, String serviceUrl, Throwable e) {
        String hint = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PulsarClientException.AuthenticationException) {
                hint = "; check sink.pulsar.auth and the Secret it names";
            }
        }
        return new SinkException("cannot read " + topic + " at " + serviceUrl + ": " + RootCause.message(e) + hint, e);
    }

    @Override
    public void close() throws PulsarClientException {
        try {
            consumer.close();
        } finally {
            closeClient();
        }
    }

    private void closeClient() {
        try {
            client.close();
        } catch (PulsarClientException ignored) {
            // nothing was read through it that a close could lose
        }
    }
}
