package io.loadfleet.worker.testing;

import io.loadfleet.worker.sink.RecordIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.schema.GenericRecord;

/** Reads back what a test sent to a real Pulsar broker, decoding through the topic's own schema. */
public final class PulsarTopics {

    private PulsarTopics() {}

    /**
     * Every message of {@code topic} (all partitions) from the beginning, decoded with the schema
     * registered on the topic: reads until at least {@code expected} arrived and the topic then
     * stayed idle for 1.5 s (so extra copies would be seen), or 60 s. {@code read} sees each
     * message while the client is open (values decode lazily, fetching their schema).
     */
    public static <T> List<T> readAll(
            String serviceUrl, String topic, long expected, Function<Message<GenericRecord>, T> read)
            throws PulsarClientException {
        return readAll(PulsarClient.builder().serviceUrl(serviceUrl), topic, expected, read);
    }

    /** {@link #readAll(String, String, long, Function)} with a client configured by the caller (e.g. a token, TLS). */
    public static <T> List<T> readAll(
            ClientBuilder clientBuilder, String topic, long expected, Function<Message<GenericRecord>, T> read)
            throws PulsarClientException {
        List<T> out = new ArrayList<>();
        try (PulsarClient client = clientBuilder.build();
                Consumer<GenericRecord> consumer = client.newConsumer(Schema.AUTO_CONSUME())
                        .topic(topic)
                        .subscriptionName("loadfleet-test-" + System.nanoTime())
                        .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                        .receiverQueueSize(10_000)
                        .subscribe()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int idlePolls = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || idlePolls < 3)) {
                Message<GenericRecord> m = consumer.receive(500, TimeUnit.MILLISECONDS);
                if (m == null) {
                    idlePolls++;
                    continue;
                }
                idlePolls = 0;
                out.add(read.apply(m));
                consumer.acknowledge(m);
            }
        }
        return out;
    }

    /** The message as any broker's consumer sees it; the device id is read from the decoded value. */
    public static Delivered delivered(Message<GenericRecord> m, String idField) {
        RecordIdentity id = RecordIdentity.parse(m.getProperty(RecordIdentity.HEADER));
        return new Delivered(
                m.getKey(),
                id.profile(),
                id.shard(),
                id.epoch(),
                id.sequence(),
                m.getEventTime(),
                String.valueOf(m.getValue().getField(idField)));
    }
}
