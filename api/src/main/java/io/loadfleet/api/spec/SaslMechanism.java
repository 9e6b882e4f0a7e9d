package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kafka's {@code sasl.mechanism}s that authenticate with a user name and a password. */
public enum SaslMechanism {
    @JsonProperty("PLAIN")
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
    @JsonProperty("SCRAM-SHA-256")
    SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    @JsonProperty("SCRAM-SHA-512")
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String value;
    private final String loginModule;

    SaslMechanism(String value, String loginModule) {
        this.value = value;
        this.loginModule = loginModule;
    }

    /** The value of the client's {@code sasl.mechanism} property. */
    public String value() {
        return value;
    }

    /** The JAAS login module that sends a user name and password by this mechanism. */
    public String loginModule() {
        return loginModule;
    }
}
