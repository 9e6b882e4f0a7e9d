package io.loadfleet.operator;

import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.status.Condition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every malformed profile of the api module's corpus that an API server could store (the CRD's
 * schema refuses the rest: wrong types, non-YAML) at once beside a good one: each gets Ready=False
 * naming its field and no StatefulSet, and the good one is reconciled all the same.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(120)
class BadProfilesTest {
    static final Path CORPUS = Path.of("..", "api", "src", "test", "resources", "bad-profiles");
    KubernetesClient client;

    @Test
    void eachBadProfileIsAConditionAndTheGoodOneStillRuns() throws Exception {
        Map<String, String> expectedByName = new LinkedHashMap<>();
        try (OperatorFixture operator = new OperatorFixture(client, 18080)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(CORPUS)) {
                files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path file : files) {
                String text = Files.readString(file);
                String name = "bad-" + file.getFileName().toString().replace(".yaml", "").replaceAll("[^a-z0-9-]", "-");
                LoadProfile profile;
                try {
                    profile = Serialization.unmarshal(text, LoadProfile.class);
                } catch (RuntimeException typesTheSchemaRefuses) {
                    continue;
                }
                if (profile == null || profile.getSpec() == null || !"LoadProfile".equals(profile.getKind())
                        || !"loadfleet.io/v1alpha1".equals(profile.getApiVersion()) || name.length() > 52) {
                    continue; // not something a LoadProfile endpoint stores
                }
                String expected = text.lines().findFirst().orElseThrow().substring("# expect: ".length());
                if (expected.startsWith("metadata.name") || expected.contains("unknown field")) {
                    continue; // the API server keeps its own name rules; unknown fields are pruned by it
                }
                if (profile.getSpec().getSink() != null && profile.getSpec().getSink().getKafka() != null) {
                    profile.getSpec().getSink().getKafka().setBootstrapServers("kafka:9092"); // not the problem here
                }
                if (io.loadfleet.api.load.ProfileValidator.validate(profile).isEmpty()) {
                    continue; // its flaw was a type the API server's schema refuses (here coerced away on reading)
                }
                profile.getMetadata().setName(name);
                profile.getMetadata().setNamespace("test");
                client.resource(profile).create();
                expectedByName.put(name, expected);
            }
            assertTrue(expectedByName.size() >= 20, "bad profiles applied: " + expectedByName.keySet());
            operator.apply(LoadProfileReconcilerTest.PROFILE);

            await(Duration.ofSeconds(30), () -> client.apps().statefulSets().inNamespace("test").withName("grid").get() != null,
                    () -> "the good profile was not reconciled beside the bad ones");
            for (var e : expectedByName.entrySet()) {
                await(Duration.ofSeconds(30), () -> ready(operator, e.getKey()) != null, () -> e.getKey() + " has no Ready condition");
                Condition ready = ready(operator, e.getKey());
                assertTrue("False".equals(ready.getStatus()) && ready.getMessage().contains(e.getValue()),
                        e.getKey() + ": " + ready.getStatus() + " " + ready.getMessage());
                assertNull(client.apps().statefulSets().inNamespace("test").withName(e.getKey()).get(), e.getKey() + " made pods");
            }
            System.out.println("bad profiles: " + expectedByName.size() + " refused with Ready=False beside a running one");
        }
    }

    static Condition ready(OperatorFixture operator, String name) {
        LoadProfile lp = operator.get(name);
        return lp == null || lp.getStatus() == null ? null : lp.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals(Condition.READY)).findFirst().orElse(null);
    }
}
