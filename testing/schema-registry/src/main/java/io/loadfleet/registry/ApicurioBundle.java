package io.loadfleet.registry;

import io.loadfleet.childjvm.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A registry bundle (a tar.gz) and its extracted copy in {@code java.io.tmpdir/loadfleet-apicurio-VERSION},
 * shared by every test JVM of the machine: extracted into a directory of its own, marked complete, then
 * renamed into place, so a copy is there completely or not at all, and of two JVMs extracting at once
 * the second throws its copy away.
 */
final class ApicurioBundle {
    /** The Java release the primary bundle needs; below it, the fallback runs. */
    static final int MIN_JAVA_PRIMARY = 21;

    private static final String PROPERTIES = "bundle.properties";
    private static final String COMPLETE = ".loadfleet-extracted";
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final String version;
    private final Path tarGz;
    private final URI downloadFrom;
    private final String sha256;

    private ApicurioBundle(String version, Path tarGz, URI downloadFrom, String sha256) {
        this.version = version;
        this.tarGz = tarGz;
        this.downloadFrom = downloadFrom;
        this.sha256 = sha256;
    }

    /** The bundle the build resolved (3.3.3, Java 21+). */
    static ApicurioBundle primary() {
        Properties p = properties();
        Path path = Path.of(p.getProperty("path"));
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the Apicurio Registry bundle " + path
                    + " is missing: build loadfleet-schema-registry with Maven (it resolves the bundle)");
        }
        return new ApicurioBundle(p.getProperty("version"), path, null, null);
    }

    /** The bundle for Java 17 (3.0.9), downloaded from Maven Central when first needed. */
    static ApicurioBundle fallback() {
        Properties p = properties();
        return new ApicurioBundle(
                p.getProperty("fallback.version"),
                null,
                URI.create(p.getProperty("fallback.url")),
                p.getProperty("fallback.sha256"));
    }

    String version() {
        return version;
    }

    /** The extracted bundle, extracting (and first downloading) it if this machine has no complete copy yet. */
    Path extracted() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = tmp.resolve("loadfleet-apicurio-" + version);
        if (complete(target)) {
            return target;
        }
        if (Files.exists(target) && !complete(target)) {
            // a copy is only ever renamed into place complete: this one lost files since (a tmp cleaner)
            ChildJvm.delete(target);
        }
        Path work = Files.createTempDirectory(tmp, "loadfleet-apicurio-" + version + ".partial-");
        try {
            Path source = tarGz != null ? tarGz : download(work.resolve("bundle.tar.gz"));
            Path unpacked = Files.createDirectory(work.resolve("unpacked"));
            untar(source, unpacked, work.resolve("tar.log"));
            runnerJar(unpacked); // fails on a bundle without one
            Files.writeString(unpacked.resolve(COMPLETE), version + " from " + (tarGz != null ? tarGz : downloadFrom));
            try {
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException another) {
                // another JVM was quicker: its copy is as good
            }
        } finally {
            ChildJvm.delete(work);
        }
        if (!complete(target)) {
            throw new IOException("could not extract Apicurio Registry " + version + " into " + target);
        }
        return target;
    }

    /** The jar that starts the registry: quarkus-run.jar (3.1+), or *-runner.jar (3.0's legacy layout). */
    static Path runnerJar(Path app) throws IOException {
        Path fastJar = app.resolve("quarkus-run.jar");
        if (Files.isRegularFile(fastJar)) {
            return fastJar;
        }
        try (Stream<Path> files = Files.list(app)) {
            List<Path> runners = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar"))
                    .toList();
            if (runners.size() != 1) {
                throw new IOException("no runner jar (quarkus-run.jar or one *-runner.jar) in " + app);
            }
            return runners.get(0);
        }
    }

    /** The runner jar's Main-Class. */
    static String mainClass(Path runner) throws IOException {
        try (JarFile jar = new JarFile(runner.toFile())) {
            String main = jar.getManifest() == null
                    ? null
                    : jar.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null) {
                throw new IOException(runner + " names no Main-Class");
            }
            return main.trim();
        }
    }

    private Path download(Path file) throws IOException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<Path> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(downloadFrom)
                            .timeout(DOWNLOAD_TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + downloadFrom, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("downloading " + downloadFrom + ": HTTP " + response.statusCode());
        }
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new IOException(
                    "downloaded " + downloadFrom + " has SHA-256 " + actual + ", not the expected " + sha256);
        }
        return file;
    }

    private static void untar(Path tarGz, Path into, Path log) throws IOException {
        Process tar = new ProcessBuilder("tar", "xzf", tarGz.toString(), "-C", into.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!tar.waitFor(EXTRACT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                tar.destroyForcibly();
                throw new IOException("extracting " + tarGz + " took over " + EXTRACT_TIMEOUT.toMinutes() + " min");
            }
        } catch (InterruptedException e) {
            tar.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + tarGz, e);
        }
        if (tar.exitValue() != 0) {
            throw new IOException("tar xzf " + tarGz + " exited with " + tar.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties properties() {
        try (InputStream in = ApicurioBundle.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(PROPERTIES + " is missing: build loadfleet-schema-registry with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean complete(Path app) {
        try {
            return Files.exists(app.resolve(COMPLETE)) && Files.isRegularFile(runnerJar(app));
        } catch (IOException e) {
            return false;
        }
    }
}
