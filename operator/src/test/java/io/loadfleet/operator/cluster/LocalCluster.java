package io.loadfleet.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The real Kubernetes control plane of the tests (tier 4): {@code scripts/local-cluster.sh up}, as
 * contributors start it, once per test JVM and stopped when the JVM ends. The tests act as the
 * cluster's admin through kubectl and a fabric8 client; the operator under test runs as a pod with
 * its own ServiceAccount.
 */
public final class LocalCluster {
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    public static final String OPERATOR_NAMESPACE = "loadfleet-system";
    private static final Duration START = Duration.ofMinutes(25); // a cold build of the control plane included
    private static LocalCluster shared;

    private final Path dir;
    private final KubernetesClient admin;
    private boolean operatorInstalled;

    private LocalCluster(Path dir) {
        this.dir = dir;
        this.admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(read(dir.resolve("kubeconfig"))))
                .build();
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized LocalCluster shared() {
        if (shared == null) {
            Path dir = REPO.resolve("operator/target/local-cluster");
            // pods on 127.0.1.N: a contributor's own local cluster (127.0.0.N) may run beside the tests'
            Map<String, String> env = Map.of("LOCAL_CLUSTER_DIR", dir.toString(), "LOCAL_CLUSTER_POD_NET", "127.0.1");
            script(env, "down");
            long started = System.nanoTime();
            Result up = script(env, "up");
            if (up.exit() != 0) {
                throw new IllegalStateException("scripts/local-cluster.sh up failed:\n" + up.output());
            }
            System.out.printf(
                    "local cluster: up in %.1f s (%s)%n",
                    (System.nanoTime() - started) / 1e9,
                    up.output()
                            .lines()
                            .filter(l -> l.contains("ready in") || l.contains("built in"))
                            .toList());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> script(env, "down"), "local-cluster-down"));
            shared = new LocalCluster(dir);
        }
        return shared;
    }

    public KubernetesClient admin() {
        return admin;
    }

    public Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    /** Milliseconds from the start of localcluster to a control plane with working controllers. */
    public long startupMillis() {
        return read(dir.resolve("ready"))
                .lines()
                .filter(l -> l.startsWith("startup_ms="))
                .mapToLong(l -> Long.parseLong(l.substring("startup_ms=".length())))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Every request of {@code user} that authorization (RBAC) refused, as "verb URI", from the API
     * server's audit log. (A 403 from admission, such as a write into a namespace being deleted, is
     * no missing permission and is not listed.)
     */
    public List<String> forbiddenRequests(String user) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        return read(dir.resolve("logs/audit.log"))
                .lines()
                .map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (IOException halfWrittenLastLine) {
                        return json.missingNode();
                    }
                })
                .filter(event -> user.equals(event.path("user").path("username").asText()))
                .filter(event -> event.path("responseStatus").path("code").asInt() == 403)
                .filter(event -> "forbid"
                        .equals(event.path("annotations")
                                .path("authorization.k8s.io/decision")
                                .asText()))
                .map(event -> event.path("verb").asText() + " "
                        + event.path("requestURI").asText())
                .toList();
    }

    /** How many requests of {@code user} the audit log holds. */
    public long auditedRequests(String user) {
        return read(dir.resolve("logs/audit.log"))
                .lines()
                .filter(l -> l.contains("\"username\":\"" + user + "\""))
                .count();
    }

    /** kubectl as the cluster admin; stdin may be null. */
    public Result kubectl(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(dir.resolve("bin/kubectl").toString());
        command.addAll(List.of(args));
        return run(command, Map.of("KUBECONFIG", kubeconfig().toString()), stdin, Duration.ofSeconds(120));
    }

    /** A long-running kubectl (e.g. {@code get -w}) writing its output to a file; the caller stops it. */
    public Process kubectlInBackground(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(dir.resolve("bin/kubectl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig().toString());
        return builder.start();
    }

    /**
     * deploy/argocd/health.lua run by gopher-lua, the Lua VM Argo CD embeds, on objects given as
     * JSON lines: a {"status","message"} line for each.
     */
    public String luaHealth(String objectsAsJsonLines) {
        Result result = run(
                List.of(
                        dir.resolve("bin/luahealth").toString(),
                        REPO.resolve("deploy/argocd/health.lua").toString()),
                Map.of(),
                objectsAsJsonLines,
                Duration.ofSeconds(30));
        if (result.exit() != 0) {
            throw new AssertionError("luahealth failed:\n" + result.output());
        }
        return result.stdout();
    }

    /** kubectl that must succeed: its standard output. */
    public String kubectlOk(String stdin, String... args) {
        Result result = kubectl(stdin, args);
        if (result.exit() != 0) {
            throw new AssertionError(
                    "kubectl " + String.join(" ", args) + " exited " + result.exit() + ":\n" + result.output());
        }
        return result.stdout();
    }

    /** {@code kubectl apply -k deploy} as the README says, once, and the operator pod Ready by its own probe. */
    public synchronized void installOperator() {
        if (operatorInstalled) {
            return;
        }
        kubectlOk(null, "apply", "-k", REPO.resolve("deploy").toString());
        await(
                Duration.ofMinutes(2),
                () -> operatorPod().isPresent(),
                () -> "the operator pod is Ready: "
                        + kubectl(null, "get", "pods", "-n", OPERATOR_NAMESPACE, "-o", "wide")
                                .output());
        operatorInstalled = true;
    }

    /** The Ready operator pod, if there is one. */
    public java.util.Optional<Pod> operatorPod() {
        return admin
                .pods()
                .inNamespace(OPERATOR_NAMESPACE)
                .withLabel("app.kubernetes.io/name", "loadfleet-operator")
                .list()
                .getItems()
                .stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(LocalCluster::ready)
                .findFirst();
    }

    public static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Where the pod runner keeps a volume of a running pod (an emptyDir's files, say). */
    public Path podVolume(Pod pod, String volume) {
        return dir.resolve("pods")
                .resolve(pod.getMetadata().getNamespace() + "_"
                        + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid())
                .resolve("volumes")
                .resolve(volume);
    }

    /**
     * Where the local provisioner keeps the volume a claim is bound to: its files outlive the pods that mount it,
     * and go when the claim is deleted.
     */
    public Path claimVolume(String namespace, String claim) {
        var bound = admin.persistentVolumeClaims()
                .inNamespace(namespace)
                .withName(claim)
                .get();
        var volume = admin.persistentVolumes()
                .withName(bound.getSpec().getVolumeName())
                .get();
        return Path.of(volume.getSpec().getHostPath().getPath());
    }

    /** What a pod's container printed (the pod runner keeps it where kubectl logs cannot reach). */
    public String podLog(Pod pod, String container) {
        Path log = dir.resolve("pods")
                .resolve(pod.getMetadata().getNamespace() + "_"
                        + pod.getMetadata().getName() + "_" + container + ".log");
        return Files.exists(log) ? read(log) : "";
    }

    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** A finished command: exit code, standard output, and both streams for messages. */
    public record Result(int exit, String stdout, String output) {}

    private static Result script(Map<String, String> env, String verb) {
        return run(List.of("bash", REPO.resolve("scripts/local-cluster.sh").toString(), verb), env, null, START);
    }

    static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
        try {
            Path out = Files.createTempFile("lf-cmd", ".out");
            Path err = Files.createTempFile("lf-cmd", ".err");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                try (var in = process.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not end within " + timeout);
                }
                String stdout = Files.readString(out);
                return new Result(process.exitValue(), stdout, stdout + Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
