package io.loadfleet.api.validation;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.PasswordSecretRef;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Checks sink.kafka.schemaRegistry: a usable URL, the Avro format it frames, its Secrets. */
final class SchemaRegistryValidator {
    private static final String AT = SchemaRegistrySpec.AT;

    private SchemaRegistryValidator() {}

    static void validate(List<Problem> problems, SchemaRegistrySpec registry, Format format) {
        if (format != Format.AVRO) {
            problems.add(new Problem(
                    AT,
                    "needs spec.format: avro (registry-framed values are Avro): set format: avro, "
                            + "or remove schemaRegistry to send JSON"));
        }
        String url = registry.getUrl();
        if (url == null || url.isBlank()) {
            problems.add(
                    new Problem(AT + ".url", "is required: the registry's base URL, e.g. http://schema-registry:8081"));
        } else if (!hasHttpHost(url)) {
            problems.add(new Problem(
                    AT + ".url",
                    "\"" + url + "\" is not an http:// or https:// URL with a host, e.g. http://schema-registry:8081"));
        } else if (registry.getTls() != null && !url.startsWith("https://")) {
            problems.add(new Problem(AT + ".tls", "is set but the url is not https://: use https, or remove tls"));
        }
        if (registry.getBasicAuth() != null) {
            PasswordSecretRef ref = registry.getBasicAuth().getSecretRef();
            if (ref == null) {
                problems.add(new Problem(
                        AT + ".basicAuth.secretRef", "is required: name of a Secret with username and password"));
            } else {
                SecretRefValidator.name(problems, AT + ".basicAuth.secretRef.name", ref.getName());
                SecretRefValidator.key(problems, AT + ".basicAuth.secretRef.usernameKey", ref.getUsernameKey());
                SecretRefValidator.key(problems, AT + ".basicAuth.secretRef.passwordKey", ref.getPasswordKey());
            }
        }
        if (registry.getTls() != null) {
            SinkValidator.tls(problems, AT + ".tls", registry.getTls());
        }
    }

    private static boolean hasHttpHost(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
