package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A Confluent-compatible schema registry (Confluent Schema Registry, Apicurio's ccompat API,
 * Redpanda, Karapace): the generator's schema is registered under a subject and every value is
 * framed as its serializers frame it, magic byte 0 and the 4-byte schema id before the Avro binary.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.tls) || self.url.startsWith('https://')",
        fieldPath = ".tls",
        message = "spec.sink.kafka.schemaRegistry.tls: is set but the url is not https://: use https, or remove tls")
public class SchemaRegistrySpec {
    public static final String AT = "spec.sink.kafka.schemaRegistry";

    @JsonPropertyDescription("The registry's Confluent-compatible base URL, http:// or https://, e.g. "
            + "http://schema-registry:8081 or, for Apicurio, http://apicurio:8080/apis/ccompat/v7.")
    @Required
    @Pattern(Limits.REGISTRY_URL_PATTERN)
    private String url;

    @JsonPropertyDescription("Subject the schema is registered under: topic (TOPIC-value, the default), record "
            + "(the record's full name) or topic-record (TOPIC-FULLNAME).")
    private SubjectNameStrategy subjectNameStrategy;

    @JsonPropertyDescription("Register the generator's schema (default true). false: look it up under the subject "
            + "and fail when the registry does not have it, for registries where producers may not register.")
    private Boolean autoRegister;

    @JsonPropertyDescription("HTTP Basic credentials from a Secret. Default: none.")
    private RegistryAuthSpec basicAuth;

    @JsonPropertyDescription("Which CA the registry's certificate (https) is checked against. Default: the JVM's CAs.")
    private TlsSpec tls;

    public SubjectNameStrategy effectiveSubjectNameStrategy() {
        return subjectNameStrategy == null ? SubjectNameStrategy.TOPIC : subjectNameStrategy;
    }

    public boolean effectiveAutoRegister() {
        return autoRegister == null || autoRegister;
    }

    /** Every Secret key the registry client reads; for a validated spec. */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        List<SecretFile> files = new ArrayList<>();
        if (basicAuth != null) {
            files.add(basicAuth.usernameFile());
            files.add(basicAuth.passwordFile());
        }
        if (tls != null) {
            files.add(tls.caFile(AT + ".tls"));
        }
        return files;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public SubjectNameStrategy getSubjectNameStrategy() {
        return subjectNameStrategy;
    }

    public void setSubjectNameStrategy(SubjectNameStrategy subjectNameStrategy) {
        this.subjectNameStrategy = subjectNameStrategy;
    }

    public Boolean getAutoRegister() {
        return autoRegister;
    }

    public void setAutoRegister(Boolean autoRegister) {
        this.autoRegister = autoRegister;
    }

    public RegistryAuthSpec getBasicAuth() {
        return basicAuth;
    }

    public void setBasicAuth(RegistryAuthSpec basicAuth) {
        this.basicAuth = basicAuth;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }
}
