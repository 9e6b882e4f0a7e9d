package io.loadfleet.worker.testing;

import io.loadfleet.childjvm.ChildJvm;
import io.loadfleet.pulsar.PulsarStandalone;
import io.loadfleet.pulsar.PulsarTokenAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Pulsar standalone for one test class that demands a token on every port and also serves
 * TLS (pulsar+ssl://) with a certificate signed by a fresh CA, {@link #certificates()}.
 */
public final class SecuredPulsarBroker implements BeforeAllCallback, AfterAllCallback {
    private final PulsarTokenAuth tokens = new PulsarTokenAuth();
    private TestCertificates certificates;
    private Path files;
    private int tlsPort;
    private PulsarStandalone pulsar;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        certificates = TestCertificates.generate();
        files = Files.createTempDirectory("loadfleet-pulsar-tls-");
        Files.writeString(files.resolve("broker.crt"), certificates.brokerCertPem());
        Files.writeString(files.resolve("broker.key"), certificates.brokerKeyPem());
        Files.writeString(files.resolve("ca.crt"), certificates.caPem());
        tlsPort = ChildJvm.freePort();
        Map<String, String> config = new LinkedHashMap<>(tokens.brokerConfig());
        config.put("brokerServicePortTls", Integer.toString(tlsPort));
        config.put("tlsCertificateFilePath", files.resolve("broker.crt").toString());
        config.put("tlsKeyFilePath", files.resolve("broker.key").toString());
        config.put("tlsTrustCertsFilePath", files.resolve("ca.crt").toString());
        pulsar = PulsarStandalone.start(config, tokens.token(PulsarTokenAuth.ADMIN_ROLE));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pulsar != null) {
            pulsar.close();
        }
        ChildJvm.delete(files);
    }

    public String serviceUrl() {
        return pulsar.serviceUrl();
    }

    public String tlsServiceUrl() {
        return "pulsar+ssl://127.0.0.1:" + tlsPort;
    }

    public String adminUrl() {
        return pulsar.adminUrl();
    }

    /** A token the broker accepts, for {@code role}. */
    public String token(String role) {
        return tokens.token(role);
    }

    public TestCertificates certificates() {
        return certificates;
    }
}
