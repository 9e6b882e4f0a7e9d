package io.loadfleet.operator.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The operator's own settings, from its environment.
 *
 * @param workerImage     image of worker pods whose LoadProfile names none (WORKER_IMAGE)
 * @param namespaces      namespaces to watch; empty for all (WATCH_NAMESPACES, comma separated)
 * @param controlPort     port of the workers' control API (WORKER_CONTROL_PORT, default 8080)
 * @param httpPort        the operator's health and metrics port (HTTP_PORT, default 8081)
 * @param leaderElection  run with a Lease so only one replica reconciles (LEADER_ELECTION=true)
 * @param leaseNamespace  namespace of the Lease (LEASE_NAMESPACE, default: the client's namespace)
 * @param operatorNamespace where the operator's pods run (OPERATOR_NAMESPACE, default loadfleet-system):
 *                        workers' NetworkPolicies admit the control API from there only
 * @param logFormat       text, or json for JSON lines (LOG_FORMAT, default text); the worker pods log alike
 * @param bindAddress     address of the health and metrics port (LOADFLEET_BIND_ADDRESS, default all): the pod's
 *                        own where pods share a network namespace, as in the local test cluster
 */
public record OperatorSettings(
        String workerImage,
        List<String> namespaces,
        int controlPort,
        int httpPort,
        boolean leaderElection,
        String leaseNamespace,
        String operatorNamespace,
        String logFormat,
        String bindAddress) {

    public static final String DEFAULT_WORKER_IMAGE = "ghcr.io/loadfleet/loadfleet-worker:0.1.0";
    public static final String DEFAULT_NAMESPACE = "loadfleet-system";

    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        String namespaces = env.getOrDefault("WATCH_NAMESPACES", "");
        return new OperatorSettings(
                env.getOrDefault("WORKER_IMAGE", DEFAULT_WORKER_IMAGE),
                Arrays.stream(namespaces.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList(),
                Integer.parseInt(env.getOrDefault("WORKER_CONTROL_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("HTTP_PORT", "8081")),
                Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "false")),
                env.get("LEASE_NAMESPACE"),
                env.getOrDefault("OPERATOR_NAMESPACE", DEFAULT_NAMESPACE),
                env.getOrDefault("LOG_FORMAT", "text"),
                env.getOrDefault("LOADFLEET_BIND_ADDRESS", "0.0.0.0"));
    }
}
