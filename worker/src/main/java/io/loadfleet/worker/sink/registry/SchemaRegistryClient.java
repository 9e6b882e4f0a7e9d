package io.loadfleet.worker.sink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The calls of the Confluent-compatible registry API that loadfleet makes: register a schema under
 * a subject, look one up, fetch one by id. Schemas fetched by id are cached (an id never changes its
 * schema). Errors are {@link SchemaRegistryException}s that name the registry and quote its message.
 */
public final class SchemaRegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final SchemaRegistrySpec spec;
    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    private SchemaRegistryClient(SchemaRegistrySpec spec, String authorization, HttpClient http) {
        this.spec = spec;
        String url = spec.getUrl();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = authorization;
        this.http = http;
    }

    /** A client for a validated spec, with the credentials and CA its Secrets hold. */
    public static SchemaRegistryClient of(SchemaRegistrySpec spec, SecretFiles secrets, Duration connectTimeout) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (spec.getTls() != null) {
            http.sslContext(trusting(secrets.require(spec.getTls().caFile(SchemaRegistrySpec.AT + ".tls"))));
        }
        String authorization = null;
        if (spec.getBasicAuth() != null) {
            String user = secrets.read(spec.getBasicAuth().usernameFile());
            String password = secrets.read(spec.getBasicAuth().passwordFile());
            authorization = "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return new SchemaRegistryClient(spec, authorization, http.build());
    }

    /** The registry's base URL, as messages name it. */
    public String url() {
        return baseUrl;
    }

    /**
     * The id of the schema of {@code topic}'s values, under the subject the spec's strategy names:
     * registered when autoRegister is on, else looked up.
     */
    public int valueSchemaId(String topic, Schema schema) {
        String subject = spec.effectiveSubjectNameStrategy().subject(topic, schema.getFullName());
        return spec.effectiveAutoRegister() ? register(subject, schema) : lookup(subject, schema);
    }

    /** Registers {@code schema} under {@code subject} (a no-op returning the id when it is there already). */
    public int register(String subject, Schema schema) {
        return call("register the schema under subject " + subject, post(subjectPath(subject) + "/versions", schema))
                .path("id")
                .asInt();
    }

    /** The id of {@code schema} under {@code subject}; a {@link SchemaRegistryException} when it is not registered. */
    public int lookup(String subject, Schema schema) {
        return call("look up the schema under subject " + subject, post(subjectPath(subject), schema))
                .path("id")
                .asInt();
    }

    /** The schema with id {@code id}, fetched once. */
    public Schema schema(int id) {
        Schema known = byId.get(id);
        if (known != null) {
            return known;
        }
        JsonNode answer =
                call("fetch schema id " + id, request("/schemas/ids/" + id).GET());
        try {
            Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
            byId.put(id, schema);
            return schema;
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "schema registry at " + baseUrl + ": schema id " + id + " is not Avro: " + e.getMessage(), e);
        }
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder post(String path, Schema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        return request(path)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode call(String what, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    "schema registry at " + baseUrl + " did not answer (" + reason(e) + ") when asked to " + what
                            + ": check sink.kafka.schemaRegistry.url and that the registry is up",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while asking the schema registry to " + what, e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        String said = body.path("message").asText(response.body().strip());
        String prefix = "schema registry at " + baseUrl + " refused to " + what + " (HTTP " + status + "): ";
        throw new SchemaRegistryException(
                switch (status) {
                    case 401, 403 ->
                        prefix + "the credentials were not accepted: check "
                                + "sink.kafka.schemaRegistry.basicAuth and the Secret it names";
                    case 404 ->
                        prefix
                                + said
                                + (what.startsWith("look up")
                                        ? "; register it, or set sink.kafka.schemaRegistry.autoRegister: true"
                                        : "");
                    case 409 ->
                        prefix + said + "; the subject's compatibility mode does not allow this schema: "
                                + "make the change compatible or change the subject's compatibility";
                    default -> prefix + said;
                },
                status);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    /** Why a request got no answer, in words: java.net.http's own exceptions often carry no message. */
    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException handshake) {
                return "TLS handshake: " + handshake.getMessage();
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** An SSL context trusting the CA certificate(s) of a PEM file. */
    private static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
            if (i == 0) {
                throw new GeneralSecurityException("no certificate in it");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSinkSettingException(
                    SchemaRegistrySpec.AT + ".tls: " + caPem.getFileName() + " holds no usable PEM CA certificate: "
                            + e.getMessage(),
                    e);
        }
    }
}
