package io.loadfleet.worker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A pod's small HTTP API (the worker's control API, the verifier's): each path answers one method, with
 * a 405 naming it otherwise, JSON bodies through Jackson, a 4xx with a reason for a bad request and a 500
 * for a handler's bug. Two threads: the operator asks one thing at a time, a human or a scraper another.
 */
public final class ApiServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    /** What answers one path; it may read the request and must send one response. */
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** Binds {@code address}; routes are added, then {@link #start}. */
    public ApiServer(InetSocketAddress address, String threadName) throws IOException {
        this.server = HttpServer.create(address, 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    public ApiServer route(String path, String method, Handler handler) {
        server.createContext(path, ex -> handle(ex, method, handler));
        return this;
    }

    /**
     * The routes every pod has: {@code GET /healthz}; {@code GET /readyz}, 503 with the reason while
     * {@code notReadyBecause} gives one (a line starting "not ready: "), else 200; {@code GET /metrics}.
     */
    public ApiServer probes(Supplier<String> notReadyBecause, PrometheusMeterRegistry metrics) {
        route("/healthz", "GET", ex -> text(ex, 200, "ok\n"));
        route("/readyz", "GET", ex -> {
            String reason = notReadyBecause.get();
            text(ex, reason == null ? 200 : 503, reason == null ? "ready\n" : reason + "\n");
        });
        return route(
                "/metrics", "GET", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    }

    public ApiServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange ex, String method, Handler handler) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals(method)) {
                ex.getResponseHeaders().add("Allow", method);
                text(ex, 405, ex.getRequestURI().getPath() + " takes " + method + "\n");
                return;
            }
            handler.handle(ex);
        } catch (RuntimeException e) {
            text(ex, 500, "internal error: " + e + "\n");
        }
    }

    /**
     * The request's body read as {@code type}, or null after answering why not: 413 above {@code max}
     * bytes, 400 when it is not {@code what} (malformed, empty, or a field of the wrong type, named by its
     * path, e.g. {@code partitions[0].partition}).
     */
    public static <T> T read(HttpExchange ex, int max, String what, ObjectMapper mapper, Class<T> type)
            throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(max + 1);
        }
        if (body.length > max) {
            text(ex, 413, what + " is at most " + max + " bytes\n");
            return null;
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            text(ex, 400, "not " + what + ": " + field(e) + e.getOriginalMessage() + "\n");
            return null;
        }
        if (value == null) {
            text(ex, 400, "not " + what + ": empty body\n");
        }
        return value;
    }

    /** The path of the field a mapping failed at, as {@code a.b[2].c: }; empty when not at a field. */
    private static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path + ": ";
    }

    public static void json(HttpExchange ex, int code, ObjectMapper mapper, Object body) throws IOException {
        send(ex, code, "application/json", mapper.writeValueAsString(body));
    }

    public static void text(HttpExchange ex, int code, String body) throws IOException {
        send(ex, code, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange ex, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
