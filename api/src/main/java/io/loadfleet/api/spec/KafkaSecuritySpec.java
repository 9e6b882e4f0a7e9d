package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** How the Kafka clients connect: TLS and SASL, with credentials in Secrets, never in the LoadProfile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSecuritySpec {
    @JsonPropertyDescription("security.protocol: PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL.")
    @Required
    private KafkaSecurityProtocol protocol;

    @JsonPropertyDescription("SASL user and password; required by SASL_PLAINTEXT and SASL_SSL.")
    private SaslSpec sasl;

    @JsonPropertyDescription("The CA that signed the brokers' certificates, for SSL and SASL_SSL.")
    private TlsSpec tls;

    public KafkaSecurityProtocol getProtocol() { return protocol; }
    public void setProtocol(KafkaSecurityProtocol protocol) { this.protocol = protocol; }
    public SaslSpec getSasl() { return sasl; }
    public void setSasl(SaslSpec sasl) { this.sasl = sasl; }
    public TlsSpec getTls() { return tls; }
    public void setTls(TlsSpec tls) { this.tls = tls; }
}
