package io.loadfleet.worker.sink;

import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * The {@link SinkException}s of a Kafka client (producer, admin, verify's consumer) that cannot
 * reach or log in to the brokers: one line naming the brokers and the protocol, never a credential.
 */
public final class KafkaFailures {

    private KafkaFailures() {}

    /** The brokers refused the client's credentials or certificate check ({@code security}: its settings). */
    public static SinkException refused(String bootstrapServers, Properties security, AuthenticationException refused) {
        return new SinkException(
                "authentication with Kafka at " + bootstrapServers + " failed ("
                        + security.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) + "): "
                        + reason(refused)
                        + "; check sink.kafka.security and the Secrets it names",
                refused);
    }

    /** No broker answered within {@code timeout}. */
    public static SinkException noAnswer(String bootstrapServers, Duration timeout, Exception cause) {
        return new SinkException(
                "no Kafka broker answered at " + bootstrapServers + " within " + timeout.toMillis() / 1000.0 + " s",
                cause);
    }

    /** A TLS failure's handshake message names the check that failed (e.g. PKIX path validation); its innermost cause only a detail. */
    private static String reason(AuthenticationException refused) {
        for (Throwable t = refused; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException handshake && handshake.getMessage() != null) {
                return "TLS handshake: " + handshake.getMessage();
            }
        }
        return RootCause.message(refused);
    }
}
