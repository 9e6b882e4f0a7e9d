package io.loadfleet.worker.testing;

import io.loadfleet.worker.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real single-node Kafka (KRaft, loopback) for one test class: {@code @RegisterExtension static final KafkaBroker kafka}. */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A broker outage: the node stops, keeping its data and port. */
    public void stop() {
        kafka.stop();
    }

    /** The end of the outage: the same node back on the same port. */
    public void restart() {
        kafka.restart();
    }
}
