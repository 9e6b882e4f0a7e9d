package io.loadfleet.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** One registry for the class (each start is a JVM start-up); the last test stops it. */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApicurioRegistryTest {
    private static final String SCHEMA_JSON = "application/vnd.schemaregistry.v1+json";
    private static final String AVRO =
            "{\"type\":\"record\",\"name\":\"Trade\",\"namespace\":\"io.loadfleet.test\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\"}]}";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ApicurioRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        registry = ApicurioRegistry.start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close(); // again, if the last test did not get that far
        }
    }

    @Test
    @Order(1)
    void anAvroSchemaRegisteredThroughTheConfluentApiIsServedByItsId() throws Exception {
        assertTrue(registry.ccompatUrl().matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7"), registry.ccompatUrl());
        assertTrue(registry.version().equals("3.3.3") || registry.version().equals("3.0.9"), registry.version());

        int id = register(HTTP, registry.ccompatUrl(), "t-value", AVRO, null);

        HttpResponse<String> schema = send(HTTP, get(registry.ccompatUrl() + "/schemas/ids/" + id), null);
        assertEquals(200, schema.statusCode(), schema.body());
        assertTrue(schema.body().contains(jsonString(AVRO)), schema.body());
    }

    @Test
    @Order(2)
    void theConfluentIdsAreContentIdsOfTheNativeV2Api() throws Exception {
        int id = register(HTTP, registry.ccompatUrl(), "t-value", AVRO, null);
        int sameContentElsewhere = register(HTTP, registry.ccompatUrl(), "u-value", AVRO, null);
        assertEquals(id, sameContentElsewhere, "one schema, one id, whatever the subject");

        // as the 2.x serdes' client asks: no Accept header (the Confluent media type gets 406 here)
        HttpResponse<String> byContentId =
                send(HTTP, withoutAccept(registry.nativeV2Url() + "/ids/contentIds/" + id), null);
        assertEquals(200, byContentId.statusCode(), byContentId.body());
        assertEquals(AVRO, byContentId.body());

        // u-value's version has a global id of its own: a serde must look the ids up as content ids
        HttpResponse<String> meta = send(
                HTTP,
                withoutAccept(registry.nativeV2Url() + "/groups/default/artifacts/u-value/versions/1/meta"),
                null);
        assertEquals(200, meta.statusCode(), meta.body());
        assertNotEquals(id, number(meta.body(), "globalId"), meta.body());
        assertEquals(id, number(meta.body(), "contentId"), meta.body());
    }

    @Test
    @Order(3)
    void aBasicAuthFrontRefusesAWrongPasswordAndForwardsTheRightOne() throws Exception {
        try (BasicAuthFront front = BasicAuthFront.start(registry.baseUrl(), "registry-user", "s3cret", null)) {
            String ccompat = front.url("/apis/ccompat/v7");
            assertTrue(ccompat.matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7"), ccompat);

            for (String authorization :
                    new String[] {null, basic("registry-user", "wrong"), basic("someone", "s3cret")}) {
                HttpResponse<String> refused = send(HTTP, get(ccompat + "/subjects"), authorization);
                assertEquals(401, refused.statusCode(), refused.body());
                assertEquals(
                        "Basic realm=\"registry\"",
                        refused.headers().firstValue("WWW-Authenticate").orElse(null));
                assertEquals("{\"error_code\":401,\"message\":\"Unauthorized\"}", refused.body());
            }

            String right = basic("registry-user", "s3cret");
            HttpResponse<String> subjects = send(HTTP, get(ccompat + "/subjects"), right);
            assertEquals(200, subjects.statusCode(), subjects.body());
            assertTrue(subjects.body().contains("\"t-value\""), subjects.body());
            assertTrue(
                    subjects.headers().firstValue("Content-Type").orElse("").contains("json"),
                    subjects.headers().map().toString());

            // status and body of an upstream error come through; so does a query string
            HttpResponse<String> missing = send(HTTP, get(ccompat + "/subjects/nope/versions?deleted=true"), right);
            assertEquals(404, missing.statusCode(), missing.body());
            assertTrue(missing.body().contains("error_code"), missing.body());
        }
    }

    @Test
    @Order(4)
    void aBasicAuthFrontServesHttpsWithTheGivenCertificate() throws Exception {
        SelfSigned tls = SelfSigned.forLoopback();
        try (BasicAuthFront front =
                BasicAuthFront.start(registry.baseUrl(), "registry-user", "s3cret", tls.serverContext())) {
            String ccompat = front.url("/apis/ccompat/v7");
            assertTrue(ccompat.startsWith("https://127.0.0.1:"), ccompat);
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(tls.clientContext())
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String right = basic("registry-user", "s3cret");

            assertEquals(
                    401,
                    send(trusting, get(ccompat + "/subjects"), basic("registry-user", "nope"))
                            .statusCode());

            String evolved =
                    AVRO.replace("]}", ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
            int id = register(trusting, ccompat, "tls-value", evolved, right);
            HttpResponse<String> schema = send(trusting, get(ccompat + "/schemas/ids/" + id), right);
            assertEquals(200, schema.statusCode(), schema.body());
            assertTrue(schema.body().contains(jsonString(evolved)), schema.body());

            // a client that does not trust the certificate does not get through
            assertThrows(SSLHandshakeException.class, () -> send(HTTP, get(ccompat + "/subjects"), right));
        }
    }

    @Test
    @Order(5)
    void stopMakesTheRegistryUnreachableAndCloseDeletesItsDirectory() throws Exception {
        try (BasicAuthFront front = BasicAuthFront.start(registry.baseUrl(), "u", "p", null)) {
            registry.stop();
            assertFalse(registry.process().isAlive(), "its JVM is stopped");
            assertThrows(ConnectException.class, () -> send(HTTP, get(registry.ccompatUrl() + "/subjects"), null));
            HttpResponse<String> viaFront = send(HTTP, get(front.url("/apis/ccompat/v7/subjects")), basic("u", "p"));
            assertEquals(502, viaFront.statusCode(), viaFront.body());
            registry.stop(); // idempotent
        }
        Path home = registry.home();
        assertTrue(Files.isDirectory(home));
        registry.close();
        assertFalse(Files.exists(home), "its directory is deleted");
    }

    private static int register(HttpClient http, String ccompat, String subject, String avro, String authorization)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ccompat + "/subjects/" + subject + "/versions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", SCHEMA_JSON)
                .header("Accept", SCHEMA_JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + jsonString(avro) + "}"))
                .build();
        HttpResponse<String> response = send(http, request, authorization);
        assertEquals(200, response.statusCode(), response.body());
        Matcher id = ID.matcher(response.body());
        assertTrue(id.find(), response.body());
        return Integer.parseInt(id.group(1));
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", SCHEMA_JSON)
                .build();
    }

    private static HttpRequest withoutAccept(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request, String authorization)
            throws Exception {
        HttpRequest withAuth = authorization == null
                ? request
                : HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("Authorization", authorization)
                        .build();
        return http.send(withAuth, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal: the schemas here have quotes, no backslashes or control characters. */
    private static String jsonString(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private static int number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Integer.parseInt(m.group(1));
    }

    /** A self-signed certificate for 127.0.0.1, its key, and contexts to serve it and to trust it. */
    private record SelfSigned(SSLContext serverContext, SSLContext clientContext) {
        static SelfSigned forLoopback() throws Exception {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair keys = rsa.generateKeyPair();
            X500Name name = new X500Name("CN=127.0.0.1");
            Instant now = Instant.now();
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.valueOf(now.toEpochMilli()),
                                    Date.from(now.minus(Duration.ofHours(1))),
                                    Date.from(now.plus(Duration.ofDays(1))),
                                    name,
                                    keys.getPublic())
                            .addExtension(
                                    Extension.subjectAlternativeName,
                                    false,
                                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));

            char[] password = "unused".toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("front", keys.getPrivate(), password, new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("front", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            return new SelfSigned(server, client);
        }
    }
}
