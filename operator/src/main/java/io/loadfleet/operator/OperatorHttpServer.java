package io.loadfleet.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The operator's /healthz (started), /readyz (informers healthy) and /metrics (Prometheus). */
public final class OperatorHttpServer implements AutoCloseable {
    private final HttpServer server;

    public OperatorHttpServer(InetSocketAddress address, Operator operator, PrometheusMeterRegistry metrics) {
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        server.createContext(
                "/healthz", ex -> answer(ex, operator.getRuntimeInfo().isStarted(), "text/plain", "ok\n"));
        server.createContext(
                "/readyz",
                ex -> answer(
                        ex,
                        operator.getRuntimeInfo().isStarted()
                                && operator.getRuntimeInfo().allEventSourcesAreHealthy(),
                        "text/plain",
                        "ready\n"));
        server.createContext(
                "/metrics", ex -> answer(ex, true, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, boolean ok, String type, String body) throws IOException {
        try (ex) {
            byte[] bytes = (ok ? body : "not yet\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", ok ? type : "text/plain");
            ex.sendResponseHeaders(ok ? 200 : 503, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
