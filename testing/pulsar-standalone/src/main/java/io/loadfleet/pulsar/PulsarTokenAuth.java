package io.loadfleet.pulsar;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token authentication for a test broker, as {@code pulsar tokens create-secret-key} and
 * {@code pulsar tokens create} would set it up: a fresh 256-bit HMAC key, the broker settings that
 * demand tokens signed by it, and such tokens (HS256 JWTs with the role as subject), signed here
 * with the JDK's HMAC so the broker's jars stay out of the caller's classpath.
 */
public final class PulsarTokenAuth {
    /** The role the broker's own internal client authenticates as; a super-user. */
    public static final String ADMIN_ROLE = "admin";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key = new byte[32];

    public PulsarTokenAuth() {
        new SecureRandom().nextBytes(key);
    }

    /** Broker settings: tokens required on the binary and HTTP ports; authorization stays off, any valid role may produce. */
    public Map<String, String> brokerConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("authenticationEnabled", "true");
        c.put("authenticationProviders", "org.apache.pulsar.broker.authentication.AuthenticationProviderToken");
        c.put("tokenSecretKey", "data:;base64," + Base64.getEncoder().encodeToString(key));
        c.put("superUserRoles", ADMIN_ROLE);
        c.put("brokerClientAuthenticationPlugin", "org.apache.pulsar.client.impl.auth.AuthenticationToken");
        c.put("brokerClientAuthenticationParameters", "token:" + token(ADMIN_ROLE));
        return c;
    }

    /** A token for {@code role} that never expires. */
    public String token(String role) {
        String header = BASE64URL.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String payload = BASE64URL.encodeToString(("{\"sub\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = hmac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + BASE64URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
