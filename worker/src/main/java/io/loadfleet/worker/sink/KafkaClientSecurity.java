package io.loadfleet.worker.sink;

import io.loadfleet.api.spec.KafkaSecuritySpec;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.api.spec.SaslSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.secret.SecretFiles;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The security settings of every Kafka client of a sink (the producer, the admin that creates the
 * topic, and verify's consumer). The password goes into {@code sasl.jaas.config}, a PASSWORD-typed
 * setting that kafka-clients prints as [hidden]; the CA stays a file the client reads as a PEM trust
 * store.
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {}

    public static Properties of(KafkaSinkSpec spec, SecretFiles secrets) {
        Properties p = new Properties();
        KafkaSecuritySpec security = spec.getSecurity();
        if (security == null) {
            return p;
        }
        p.put(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                security.getProtocol().name());
        SaslSpec sasl = security.getSasl();
        if (sasl != null) {
            String username = sasl.getUsername() != null ? sasl.getUsername() : secrets.read(sasl.usernameFile());
            String password = secrets.read(sasl.passwordFile());
            p.put(SaslConfigs.SASL_MECHANISM, sasl.getMechanism().value());
            p.put(
                    SaslConfigs.SASL_JAAS_CONFIG,
                    sasl.getMechanism().loginModule() + " required username=\"" + jaasQuoted(username)
                            + "\" password=\"" + jaasQuoted(password) + "\";");
        }
        if (security.getTls() != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            p.put(
                    SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    secrets.require(security.getTls().caFile(SinkSpec.KAFKA_TLS))
                            .toString());
        }
        return p;
    }

    /** JAAS reads a quoted value as Java's StreamTokenizer does: a backslash escapes the next character. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
