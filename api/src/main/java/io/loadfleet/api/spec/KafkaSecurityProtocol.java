package io.loadfleet.api.spec;

/** Kafka's {@code security.protocol}: whether the connection uses TLS, SASL, both or neither. */
public enum KafkaSecurityProtocol {
    PLAINTEXT,
    SSL,
    SASL_PLAINTEXT,
    SASL_SSL;

    public boolean usesSasl() {
        return this == SASL_PLAINTEXT || this == SASL_SSL;
    }

    public boolean usesTls() {
        return this == SSL || this == SASL_SSL;
    }
}
