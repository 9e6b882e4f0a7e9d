package io.loadfleet.worker.verify;

import java.time.Duration;
import org.apache.pulsar.client.api.PulsarClientException;

/** The reader for each broker. */
public final class TopicReaders {
    private TopicReaders() {}

    public static TopicReader kafka(String bootstrapServers, String topic, Duration idle) {
        return new KafkaTopicReader(bootstrapServers, topic, idle);
    }

    public static TopicReader pulsar(String serviceUrl, String topic, Duration idle) throws PulsarClientException {
        return new PulsarTopicReader(serviceUrl, topic, idle);
    }
}
