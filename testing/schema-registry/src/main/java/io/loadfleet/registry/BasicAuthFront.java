package io.loadfleet.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) reverse proxy in front of a registry that demands HTTP Basic credentials, as an
 * ingress with basic auth does: on 127.0.0.1, a free port, HTTPS when given a TLS context. A request
 * with the right {@code Authorization: Basic} header is forwarded (method, path and query, body,
 * Content-Type and Accept) and the upstream's status, body and Content-Type are returned; any other
 * gets 401 with {@code WWW-Authenticate: Basic realm="registry"} and
 * {@code {"error_code":401,"message":"Unauthorized"}}. An upstream that does not answer (a stopped
 * registry) gets 502, as from an ingress. Nothing is logged, credentials least of all.
 */
public final class BasicAuthFront implements AutoCloseable {
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "Accept");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient upstream;
    private final String upstreamBase;
    private final byte[] expectedCredentials;
    private final String scheme;

    private BasicAuthFront(HttpServer server, String upstreamBase, String user, String password, String scheme) {
        this.server = server;
        this.scheme = scheme;
        this.upstreamBase =
                upstreamBase.endsWith("/") ? upstreamBase.substring(0, upstreamBase.length() - 1) : upstreamBase;
        this.expectedCredentials = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "basic-auth-front");
            t.setDaemon(true);
            return t;
        });
        this.upstream = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Starts a front for {@code upstreamBaseUrl} (e.g. {@link ApicurioRegistry#baseUrl()}): a request for
     * {@code /P} is forwarded to {@code upstreamBaseUrl + /P}.
     *
     * @param tlsOrNull the server's certificate and key: HTTPS; null: plain HTTP
     */
    public static BasicAuthFront start(String upstreamBaseUrl, String user, String password, SSLContext tlsOrNull)
            throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        HttpServer server;
        if (tlsOrNull != null) {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tlsOrNull));
            server = https;
        } else {
            server = HttpServer.create(loopback, 0);
        }
        BasicAuthFront front =
                new BasicAuthFront(server, upstreamBaseUrl, user, password, tlsOrNull != null ? "https" : "http");
        server.createContext("/", front::handle);
        server.setExecutor(front.executor);
        server.start();
        return front;
    }

    /** {@code http(s)://127.0.0.1:PORT} + the path on the upstream, e.g. {@code url("/apis/ccompat/v7")}. */
    public String url(String pathOnUpstream) {
        String path =
                pathOnUpstream.isEmpty() || pathOnUpstream.startsWith("/") ? pathOnUpstream : "/" + pathOnUpstream;
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"registry\"");
                respond(exchange, 401, "application/json", "{\"error_code\":401,\"message\":\"Unauthorized\"}");
                return;
            }
            HttpResponse<byte[]> answer;
            try {
                answer = upstream.send(forward(exchange), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                respond(exchange, 502, "application/json", "{\"error_code\":502,\"message\":\"Bad Gateway\"}");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 502, "application/json", "{\"error_code\":502,\"message\":\"Bad Gateway\"}");
                return;
            }
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            send(exchange, answer.statusCode(), answer.body());
        } finally {
            exchange.close();
        }
    }

    private HttpRequest forward(HttpExchange exchange) throws IOException {
        URI requested = exchange.getRequestURI();
        String target = upstreamBase
                + requested.getRawPath()
                + (requested.getRawQuery() != null ? "?" + requested.getRawQuery() : "");
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(UPSTREAM_TIMEOUT)
                .method(
                        exchange.getRequestMethod(),
                        body.length > 0
                                ? HttpRequest.BodyPublishers.ofByteArray(body)
                                : HttpRequest.BodyPublishers.noBody());
        for (String name : FORWARDED_REQUEST_HEADERS) {
            List<String> values = exchange.getRequestHeaders().get(name);
            if (values != null) {
                values.forEach(value -> request.header(name, value));
            }
        }
        return request.build();
    }

    /** {@code Basic BASE64(user:password)}, the scheme in any case; the credentials compared in constant time. */
    private boolean authorized(String authorization) {
        if (authorization == null) {
            return false;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2
                && parts[0].equalsIgnoreCase("Basic")
                && MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.US_ASCII), expectedCredentials);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody =
                body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
