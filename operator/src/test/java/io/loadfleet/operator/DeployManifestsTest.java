package io.loadfleet.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kubernetes manifest under deploy/ (LoadProfile examples aside: the api module checks them
 * against the CRD) parses into fabric8's typed model with no field the model does not know: a
 * misspelt field that the API server would drop or refuse fails here. And the kustomization lists
 * only files that exist.
 */
class DeployManifestsTest {
    static final Path DEPLOY = Path.of("..", "deploy");

    static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.startsWith(DEPLOY.resolve("examples")))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyManifestIsKnownToTheTypedModel() throws Exception {
        List<Path> files = manifests();
        assertTrue(files.size() >= 5, "manifests found: " + files);
        List<String> problems = new ArrayList<>();
        int objects = 0;
        for (Path file : files) {
            for (HasMetadata object : parse(Files.readString(file))) {
                objects++;
                if (object instanceof GenericKubernetesResource generic) {
                    // kinds fabric8 has no model for: only these, by name
                    assertTrue(
                            Set.of(
                                            "argoproj.io/v1alpha1 Application",
                                            "monitoring.coreos.com/v1 PodMonitor",
                                            "monitoring.coreos.com/v1 ServiceMonitor")
                                    .contains(generic.getApiVersion() + " " + generic.getKind()),
                            file + ": a kind the typed model does not know: " + generic.getApiVersion() + " "
                                    + generic.getKind());
                    continue;
                }
                unknownFields(
                        object,
                        file.getFileName() + " " + object.getKind() + "/"
                                + object.getMetadata().getName(),
                        problems);
            }
        }
        assertEquals(List.of(), problems);
        System.out.println("deploy/: " + objects + " objects in " + files.size() + " files, all fields known");
    }

    @Test
    void aMisspeltFieldIsCaught() throws Exception {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers: [{name: c, image: i, readinesProbe: {periodSeconds: 5}}]
                """)) {
            unknownFields(object, "x", problems);
        }
        assertEquals(List.of("x.spec.template.spec.containers[0]: unknown field(s) [readinesProbe]"), problems);
    }

    @Test
    void theKustomizationListsFilesThatExist() throws Exception {
        JsonNode kustomization = new ObjectMapper(new YAMLFactory())
                .readTree(DEPLOY.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.get("resources").forEach(r -> resources.add(r.asText()));
        for (String r : resources) {
            Path p = DEPLOY.resolve(r).normalize();
            assertTrue(Files.isRegularFile(p) || Files.isRegularFile(p.resolve("kustomization.yaml")), r + " exists");
        }
        List<String> listed = resources.stream()
                .map(r -> DEPLOY.resolve(r).normalize().toString())
                .toList();
        for (Path file : manifests()) {
            if (file.startsWith(DEPLOY.resolve("operator"))) {
                assertTrue(listed.contains(file.normalize().toString()), file + " is in deploy/kustomization.yaml");
            }
        }
    }

    static List<HasMetadata> parse(String yaml) {
        Object parsed = Serialization.unmarshal(yaml);
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return List.of((HasMetadata) parsed);
    }

    /** Fields the model put aside as "additional properties": the model has no such field. */
    static void unknownFields(Object o, String path, List<String> problems) throws Exception {
        if (o instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), problems);
            }
            return;
        }
        if (o instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4);
                unknownFields(value, path + "." + field, problems);
            }
        }
    }
}
