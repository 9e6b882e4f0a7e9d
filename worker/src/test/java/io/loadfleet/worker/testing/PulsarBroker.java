package io.loadfleet.worker.testing;

import io.loadfleet.pulsar.PulsarStandalone;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real Pulsar standalone (own JVM, loopback) for one test class: {@code @RegisterExtension static final PulsarBroker pulsar}. */
public final class PulsarBroker implements BeforeAllCallback, AfterAllCallback {
    private PulsarStandalone pulsar;

    @Override
    public void beforeAll(ExtensionContext context) {
        pulsar = PulsarStandalone.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pulsar != null) {
            pulsar.close();
        }
    }

    public String serviceUrl() {
        return pulsar.serviceUrl();
    }

    public String adminUrl() {
        return pulsar.adminUrl();
    }
}
