package io.loadfleet.s3;

import io.loadfleet.childjvm.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real S3-compatible object store for tests: s3proxy in its own JVM, on 127.0.0.1 only, checking
 * AWS signatures (v2 and v4) against one access key pair, storing objects as files in a fresh
 * temporary directory that {@link #close()} deletes. {@link #stop()} and {@link #restart()} make an
 * outage: the port refuses connections, then the same server answers again with the same objects.
 */
public final class S3Server implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "server.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private volatile Process process;

    private S3Server(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts a server that accepts requests signed with this key pair; returns once it answers HTTP. */
    public static S3Server start(String accessKeyId, String secretAccessKey) {
        Path home = null;
        S3Server server = null;
        try {
            home = Files.createTempDirectory("loadfleet-s3-");
            Files.createDirectories(home.resolve("data"));
            int port = ChildJvm.freePort();
            Files.writeString(
                    home.resolve("s3proxy.conf"),
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + accessKeyId,
                            "s3proxy.credential=" + secretAccessKey,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + home.resolve("data"),
                            ""));
            server = new S3Server(home, port);
            server.launch();
            return server;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                ChildJvm.stop(server.process);
            }
            ChildJvm.delete(home);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Stops the server JVM, keeping its directory: connections are refused until {@link #restart()}. */
    public void stop() {
        ChildJvm.stop(process);
    }

    /** Starts the stopped server again, on the same port with the same objects; returns once it answers HTTP. */
    public void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server JVM on the settings in {@link #home}, appending to its log. */
    private void launch() throws IOException {
        List<String> command = new ArrayList<>(ChildJvm.javaWithClasspath(S3Server.class, CLASSPATH_RESOURCE));
        command.addAll(
                1,
                List.of(
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-Djava.net.preferIPv4Stack=true",
                        "-Dlogback.configurationFile=io/loadfleet/s3/s3proxy-logback.xml"));
        command.addAll(List.of(S3Guard.class.getName(), "--properties", "s3proxy.conf"));
        Path log = home.resolve("s3proxy.log");
        process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady(log);
    }

    /** {@code http://127.0.0.1:PORT}: requests address buckets by path (endpoint/bucket/key). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Stores an object, creating its bucket: the filesystem store keeps a bucket as a directory and an
     * object as a file in it, so no client is needed.
     */
    public void putObject(String bucket, String key, byte[] content) throws IOException {
        Path object = home.resolve("data").resolve(bucket).resolve(key);
        Files.createDirectories(object.getParent());
        Files.write(object, content);
    }

    /** The directory holding the server's settings, log and objects; gone after {@link #close()}. */
    public Path home() {
        return home;
    }

    /** The server JVM, to check it is gone after {@link #close()}. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() {
        ChildJvm.stop(process);
        ChildJvm.delete(home);
    }

    /** Ready once the port answers HTTP at all: an unsigned request gets an S3 error, which is an answer. */
    private void awaitReady(Path log) {
        ChildJvm.awaitHttp(
                process,
                log,
                "s3proxy",
                START_TIMEOUT,
                HttpRequest.newBuilder(endpoint())
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                response -> true);
    }
}
