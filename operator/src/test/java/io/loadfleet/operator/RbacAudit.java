package io.loadfleet.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Replays every API request a client with a given User-Agent made to the mock API server against
 * the ClusterRole shipped in deploy/: a request the role does not grant would be a 403 in a cluster.
 */
final class RbacAudit {
    static final String OPERATOR_USER_AGENT = "loadfleet-operator-under-test";
    private static final Path RBAC = Path.of("..", "deploy", "operator", "rbac.yaml");
    /** Kubernetes' default system:basic-user role lets every authenticated user ask what it may do. */
    private static final Set<String> SELF_REVIEWS = Set.of("selfsubjectaccessreviews", "selfsubjectrulesreviews",
            "selfsubjectreviews");

    private RbacAudit() {
    }

    /** What a request asks for, in RBAC's terms. */
    record Access(String group, String resource, String verb) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
        }
    }

    /** Fails naming every (verb, resource) the operator used that deploy/'s ClusterRole does not grant. */
    static Set<Access> assertOperatorRequestsAreGranted(KubernetesMockServer server, KubernetesClient client) throws Exception {
        List<PolicyRule> rules;
        try (InputStream in = Files.newInputStream(RBAC)) {
            List<HasMetadata> objects = client.load(in).items();
            rules = objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                    .findFirst().orElseThrow().getRules();
        }
        Set<Access> used = new TreeSet<>(java.util.Comparator.comparing(Access::toString));
        for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
            if (OPERATOR_USER_AGENT.equals(r.getHeader("User-Agent"))) {
                used.add(access(r.getMethod(), r.getPath()));
            }
        }
        assertTrue(used.size() > 5, "the operator's requests were recorded: " + used);
        List<Access> denied = used.stream().filter(a -> !SELF_REVIEWS.contains(a.resource()))
                .filter(a -> rules.stream().noneMatch(rule -> grants(rule, a))).toList();
        assertTrue(denied.isEmpty(), "deploy/operator/rbac.yaml does not grant " + denied + " (the operator used " + used + ")");
        return used;
    }

    private static boolean grants(PolicyRule rule, Access a) {
        return rule.getApiGroups().contains(a.group()) && rule.getResources().contains(a.resource())
                && rule.getVerbs().contains(a.verb());
    }

    /** /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUB]] or /apis/GROUP/VERSION/..., with the HTTP method. */
    static Access access(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        String[] parts = path.substring(1).split("/");
        int i;
        String group;
        if (parts[0].equals("api")) {
            group = "";
            i = 2;
        } else {
            group = parts[1];
            i = 3;
        }
        if (parts.length > i + 1 && parts[i].equals("namespaces")) {
            i += 2;
        }
        String resource = parts[i];
        boolean named = parts.length > i + 1;
        if (parts.length > i + 2) {
            resource += "/" + parts[i + 2];
        }
        String verb = switch (method) {
            case "GET" -> !named && query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new Access(group, resource, verb);
    }
}
