package io.loadfleet.worker.sink;

import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.secret.SecretFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdminBuilder;
import org.apache.pulsar.client.api.Authentication;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * The token and CA of a Pulsar sink, for its clients (the producer, verify's reader) and its admin.
 * The token is read from its file whenever the client authenticates (the same as Pulsar's own
 * {@code file:} token form), so a rotated Secret, which the kubelet rewrites in place, takes effect
 * without a restart.
 */
public final class PulsarClientSecurity {
    private final Authentication authentication;
    private final Path trustedCa;

    private PulsarClientSecurity(Authentication authentication, Path trustedCa) {
        this.authentication = authentication;
        this.trustedCa = trustedCa;
    }

    /** Checks now that every file is there, so a missing one is bad input, not a connect failure. */
    public static PulsarClientSecurity of(PulsarSinkSpec spec, SecretFiles secrets) {
        Authentication authentication = null;
        if (spec.getAuth() != null) {
            SecretFile token = spec.getAuth().getToken().tokenFile();
            secrets.require(token);
            authentication = AuthenticationFactory.token(() -> secrets.read(token));
        }
        Path trustedCa =
                spec.getTls() == null ? null : secrets.require(spec.getTls().caFile(SinkSpec.PULSAR_TLS));
        return new PulsarClientSecurity(authentication, trustedCa);
    }

    /**
     * A client of {@code serviceUrl} with this token and CA that gives up on a broker after
     * {@code connectTimeout}: a refused TLS handshake is retried until then, not forever.
     */
    public ClientBuilder client(String serviceUrl, Duration connectTimeout) {
        int millis = (int) connectTimeout.toMillis();
        return apply(PulsarClient.builder()
                .serviceUrl(serviceUrl)
                .operationTimeout(millis, TimeUnit.MILLISECONDS)
                .connectionTimeout(Math.min(millis, 10_000), TimeUnit.MILLISECONDS));
    }

    private ClientBuilder apply(ClientBuilder client) {
        if (authentication != null) {
            client.authentication(authentication);
        }
        if (trustedCa != null) {
            client.tlsTrustCertsFilePath(trustedCa.toString());
        }
        return client;
    }

    PulsarAdminBuilder apply(PulsarAdminBuilder admin) {
        if (authentication != null) {
            admin.authentication(authentication);
        }
        if (trustedCa != null) {
            admin.tlsTrustCertsFilePath(trustedCa.toString());
        }
        return admin;
    }
}
