package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** How the Kafka clients connect: TLS and SASL, with credentials in Secrets, never in the LoadProfile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.protocol) || !(self.protocol == 'SASL_PLAINTEXT' || self.protocol == 'SASL_SSL')"
                + " || has(self.sasl)",
        fieldPath = ".sasl",
        message = "spec.sink.kafka.security.sasl: is required by protocol SASL_PLAINTEXT and SASL_SSL: give mechanism "
                + "and secretRef.name of a Secret with username and password",
        messageExpression = "'spec.sink.kafka.security.sasl: is required by protocol ' + self.protocol + ': give"
                + " mechanism and secretRef.name of a Secret with username and password'")
@ValidationRule(
        value = "!has(self.sasl) || !has(self.protocol) || self.protocol == 'SASL_PLAINTEXT'"
                + " || self.protocol == 'SASL_SSL'",
        fieldPath = ".sasl",
        message = "spec.sink.kafka.security.sasl: is set but the protocol does not use SASL: use SASL_PLAINTEXT or "
                + "SASL_SSL, or remove sasl",
        messageExpression = "'spec.sink.kafka.security.sasl: is set but protocol ' + self.protocol + ' does not use"
                + " SASL: use SASL_PLAINTEXT or SASL_SSL, or remove sasl'")
@ValidationRule(
        value = "!has(self.tls) || !has(self.protocol) || self.protocol == 'SSL' || self.protocol == 'SASL_SSL'",
        fieldPath = ".tls",
        message = "spec.sink.kafka.security.tls: is set but the protocol does not use TLS: use SSL or SASL_SSL, or "
                + "remove tls",
        messageExpression = "'spec.sink.kafka.security.tls: is set but protocol ' + self.protocol + ' does not use"
                + " TLS: use SSL or SASL_SSL, or remove tls'")
public class KafkaSecuritySpec {
    @JsonPropertyDescription("security.protocol: PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL.")
    @Required
    private KafkaSecurityProtocol protocol;

    @JsonPropertyDescription("SASL user and password; required by SASL_PLAINTEXT and SASL_SSL.")
    private SaslSpec sasl;

    @JsonPropertyDescription("The CA that signed the brokers' certificates, for SSL and SASL_SSL.")
    private TlsSpec tls;

    public KafkaSecurityProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(KafkaSecurityProtocol protocol) {
        this.protocol = protocol;
    }

    public SaslSpec getSasl() {
        return sasl;
    }

    public void setSasl(SaslSpec sasl) {
        this.sasl = sasl;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }
}
