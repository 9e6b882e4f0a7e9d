package io.loadfleet.operator.coordinate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.operator.coordinate.WorkerClient.WorkerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loopback HTTP endpoints speaking the worker control API's two calls the coordinator makes, each
 * answering with a status the test sets, and sockets that accept a request and never answer (a
 * hung pod). The real worker behind that API is exercised end to end by the cluster tests.
 */
final class FakeWorkerPods implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ServerSocket> hung = new ArrayList<>();
    /** What each answering pod reports, by port. */
    final Map<Integer, WorkerStatus> statuses = new ConcurrentHashMap<>();
    /** The assignments each pod received, by port. */
    final Map<Integer, List<Assignment>> received = new ConcurrentHashMap<>();

    /** A pod answering with {@code status}. */
    FleetPod answering(int ordinal, WorkerStatus status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getAddress().getPort();
        statuses.put(port, status);
        received.put(port, new java.util.concurrent.CopyOnWriteArrayList<>());
        server.createContext("/status", ex -> reply(ex, JSON.writeValueAsString(statuses.get(port))));
        server.createContext("/assignment", ex -> {
            received.get(port).add(JSON.readValue(ex.getRequestBody(), Assignment.class));
            reply(ex, "{\"outcome\":\"APPLIED\"}");
        });
        server.setExecutor(handlers);
        server.start();
        servers.add(server);
        return new FleetPod(ordinal, new WorkerAddress("127.0.0.1", port), true);
    }

    /** A ready pod whose connection opens and whose answer never comes. */
    FleetPod hung(int ordinal) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        hung.add(socket);
        return new FleetPod(ordinal, new WorkerAddress("127.0.0.1", socket.getLocalPort()), true);
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() throws IOException {
        servers.forEach(s -> s.stop(0));
        for (ServerSocket s : hung) {
            s.close();
        }
        handlers.shutdownNow();
    }
}
