package io.loadfleet.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Java installations of this machine, and the one the registry runs on. */
final class Jdks {
    /** A java executable or a Java home; when set, the registry runs on it and on nothing else. */
    static final String JAVA_PROPERTY = "loadfleet.apicurio.java";

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
    private static final Pattern SPECIFICATION_VERSION =
            Pattern.compile("(?m)^\\s*java\\.specification\\.version = (\\S+)");

    /** A java executable and its feature release (17, 21, 25, ...). */
    record Jdk(Path executable, int feature) {
        @Override
        public String toString() {
            return "Java " + feature + " at " + executable;
        }
    }

    private Jdks() {}

    /**
     * The Java the registry runs on: the one {@value #JAVA_PROPERTY} names; else this JVM's if it is 21+;
     * else the newest 21+ installed; else this JVM's (the fallback bundle runs on 17).
     */
    static Jdk forRegistry() {
        String chosen = System.getProperty(JAVA_PROPERTY, "").trim();
        if (!chosen.isEmpty()) {
            Path path = Path.of(chosen);
            return probe(Files.isDirectory(path) ? path.resolve("bin").resolve("java") : path)
                    .orElseThrow(() -> new IllegalStateException(
                            JAVA_PROPERTY + "=" + chosen + " is not a Java installation that runs"));
        }
        Jdk current = new Jdk(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                Runtime.version().feature());
        if (current.feature() >= ApicurioBundle.MIN_JAVA_PRIMARY) {
            return current;
        }
        return installed().stream()
                .filter(jdk -> jdk.feature() >= ApicurioBundle.MIN_JAVA_PRIMARY)
                .max(Comparator.comparingInt(Jdk::feature))
                .orElse(current);
    }

    /** The Java installations in the usual places, each once. */
    static List<Jdk> installed() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        System.getenv().forEach((name, value) -> {
            if ((name.equals("JAVA_HOME") || name.startsWith("JAVA_HOME_")) && !value.isBlank()) {
                homes.add(Path.of(value));
            }
        });
        homes.addAll(children(Path.of("/usr/lib/jvm")));
        children(Path.of("/Library/Java/JavaVirtualMachines"))
                .forEach(jvm -> homes.add(jvm.resolve("Contents").resolve("Home")));
        Map<Path, Jdk> found = new LinkedHashMap<>();
        for (Path home : homes) {
            Path java = home.resolve("bin").resolve("java");
            if (!Files.isExecutable(java)) {
                continue;
            }
            try {
                Path real = java.toRealPath();
                if (!found.containsKey(real)) {
                    probe(java).ifPresent(jdk -> found.put(real, jdk));
                }
            } catch (IOException e) {
                // a dangling link: not an installation
            }
        }
        return List.copyOf(found.values());
    }

    /** The feature release of a java executable: from the {@code release} file beside bin/, else by asking it. */
    static Optional<Jdk> probe(Path java) {
        if (!Files.isExecutable(java)) {
            return Optional.empty();
        }
        Path release = java.toAbsolutePath().getParent().resolveSibling("release");
        try {
            Matcher version = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            if (version.find()) {
                return Optional.of(new Jdk(java, feature(version.group(1))));
            }
        } catch (IOException | RuntimeException e) {
            // no release file (or an odd one): ask the executable
        }
        try {
            Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Matcher version = SPECIFICATION_VERSION.matcher(out);
            return version.find() ? Optional.of(new Jdk(java, feature(version.group(1)))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** "25.0.3" is 25, "21" is 21, "1.8.0_452" is 8. */
    static int feature(String version) {
        String[] parts = version.split("[._+-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
