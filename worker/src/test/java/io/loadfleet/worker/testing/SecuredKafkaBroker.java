package io.loadfleet.worker.testing;

import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.spec.SaslMechanism;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka for one test class with a listener for each security protocol:
 * SASL_PLAINTEXT, SSL and SASL_SSL beside PLAINTEXT (which the test's own admin and consumers
 * use). One user may log in by PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512; the TLS listeners serve a
 * certificate signed by a fresh CA, {@link #certificates()}.
 */
public final class SecuredKafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private static final List<KafkaSecurityProtocol> SECURED =
            List.of(KafkaSecurityProtocol.SASL_PLAINTEXT, KafkaSecurityProtocol.SSL, KafkaSecurityProtocol.SASL_SSL);
    private final String user;
    private final String password;
    private TestCertificates certificates;
    private EmbeddedKafka kafka;

    public SecuredKafkaBroker(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        certificates = TestCertificates.generate();
        Map<String, String> listeners = new LinkedHashMap<>();
        SECURED.forEach(p -> listeners.put(p.name(), p.name()));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
        for (KafkaSecurityProtocol p : SECURED) {
            String at = "listener.name." + p.name().toLowerCase(java.util.Locale.ROOT) + ".";
            if (p.usesSasl()) {
                config.put(
                        at + "plain.sasl.jaas.config",
                        SaslMechanism.PLAIN.loginModule() + " required user_" + user + "=\"" + password + "\";");
                config.put(
                        at + "scram-sha-256.sasl.jaas.config",
                        SaslMechanism.SCRAM_SHA_256.loginModule() + " required;");
                config.put(
                        at + "scram-sha-512.sasl.jaas.config",
                        SaslMechanism.SCRAM_SHA_512.loginModule() + " required;");
            }
        }
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", certificates.brokerCertPem());
        config.put("ssl.keystore.key", certificates.brokerKeyPem());
        kafka = EmbeddedKafka.start(0, listeners, config);
        addScramUser();
    }

    /** SCRAM credentials live in the cluster's metadata: added through the admin API, like kafka-configs.sh does. */
    private void addScramUser() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            // one mechanism a request: the API refuses two changes of one user in one request
            for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                user, new ScramCredentialInfo(mechanism, 4096), password)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            admin.describeUserScramCredentials(List.of(user)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The PLAINTEXT listener: for the test's own admin and consumers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The listener that speaks {@code protocol}. */
    public String bootstrapServers(KafkaSecurityProtocol protocol) {
        return protocol == KafkaSecurityProtocol.PLAINTEXT
                ? kafka.bootstrapServers()
                : kafka.bootstrapServers(protocol.name());
    }

    public TestCertificates certificates() {
        return certificates;
    }
}
