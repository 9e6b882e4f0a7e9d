package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.status.Condition;
import io.loadfleet.operator.cluster.LocalCluster;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 6: the whole bad-profile corpus through a real API server with the operator running. Each
 * file is either refused by {@code kubectl apply} (the CRD's schema and its CEL rules, or kubectl
 * itself for what is no LoadProfile at all), naming the field, or stored and then given Ready=False
 * by the operator, naming the field. Where each file must end up is written down in the corpus's
 * admission.properties, so a CEL rule that stops working fails here. A good profile beside them is
 * reconciled all the same.
 */
@Timeout(600)
class BadProfilesIT {
    static final Path CORPUS = LocalCluster.REPO.resolve("api/src/test/resources/bad-profiles");
    static final String NS = "bad";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void eachBadProfileIsRefusedAtTheDoorOrGetsReadyFalseNamingItsField() throws Exception {
        RealFleet fleet = new RealFleet(NS);
        LocalCluster cluster = fleet.cluster;
        Properties where = new Properties();
        try (Reader in = Files.newBufferedReader(CORPUS.resolve("admission.properties"))) {
            where.load(in);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        // a good profile among the bad ones is reconciled all the same (its broker need not exist for that)
        cluster.kubectlOk("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: good}
                spec:
                  targetRate: 100
                  devices: {count: 10}
                  generator: {type: temperature}
                  sink: {kafka: {bootstrapServers: "127.0.0.1:9", topic: good}}
                """, "apply", "-n", NS, "-f", "-");
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, String> stored = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String text = Files.readString(file);
            String expected = text.lines().findFirst().orElseThrow().substring("# expect: ".length());
            String field = expected.contains(": ") ? expected.substring(0, expected.indexOf(": ")) : expected.strip();
            String name = "bad-" + fileName.replace(".yaml", "").replaceAll("[^a-z0-9-]", "-");
            String category = where.getProperty(fileName, "");
            LocalCluster.Result applied = cluster.kubectl(prepared(text, name), "apply", "-n", NS, "-f", "-");
            if (category.startsWith("admission")) {
                String named = category.contains(":") ? category.substring(category.indexOf(':') + 1) : field;
                if (applied.exit() == 0 || !applied.output().contains(named)) {
                    wrong.add(fileName + ": should be refused naming " + named + ", kubectl said (" + applied.exit()
                            + ") " + applied.output().strip());
                }
                refused.put(fileName, applied.output().strip());
            } else if (category.equals("not-a-loadprofile")) {
                if (applied.exit() == 0) {
                    wrong.add(fileName + ": kubectl stored it: "
                            + applied.output().strip());
                }
                refused.put(fileName, applied.output().strip());
            } else if (category.equals("operator")) {
                if (applied.exit() != 0) {
                    wrong.add(fileName + ": should reach the operator, kubectl said "
                            + applied.output().strip());
                } else {
                    stored.put(name, expected);
                }
            } else {
                wrong.add(fileName + ": not listed in admission.properties");
            }
        }
        for (var e : stored.entrySet()) {
            await(
                    Duration.ofSeconds(60),
                    () -> fleet.condition(e.getKey(), Condition.READY).isPresent(),
                    () -> e.getKey() + " has no Ready condition");
            Condition ready = fleet.condition(e.getKey(), Condition.READY).orElseThrow();
            if (!"False".equals(ready.getStatus()) || !ready.getMessage().contains(e.getValue())) {
                wrong.add(e.getKey() + ": expected Ready=False with \"" + e.getValue() + "\", got " + ready.getStatus()
                        + " " + ready.getMessage());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(files.size(), refused.size() + stored.size());
        await(
                Duration.ofSeconds(60),
                () -> cluster.admin()
                                .apps()
                                .statefulSets()
                                .inNamespace(NS)
                                .withName("good")
                                .get()
                        != null,
                () -> "the good profile was not reconciled beside the bad ones");
        assertEquals(
                List.of("good"),
                cluster.admin().apps().statefulSets().inNamespace(NS).list().getItems().stream()
                        .map(s -> s.getMetadata().getName())
                        .toList(),
                "no bad profile made pods");
        fleet.deleteAndAwaitGone("good");
        cluster.kubectlOk(null, "delete", "namespace", NS, "--wait=false");
        StringBuilder report = new StringBuilder();
        refused.forEach((file, message) ->
                report.append(file).append(" -> refused: ").append(message).append('\n'));
        Captures.write("bad-profiles-admission.txt", report.toString());
        System.out.printf(
                "bad profiles on the real API server: %d refused by kubectl apply, %d stored and Ready=False%n",
                refused.size(), stored.size());
    }

    /** The file as a user would apply it: its own name where the name is the flaw, a broker address where one is needed. */
    static String prepared(String text, String name) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (IOException notYaml) {
            return text;
        }
        if (!(tree instanceof ObjectNode profile)) {
            return text;
        }
        ObjectNode metadata = profile.with("metadata");
        if (!text.lines().findFirst().orElse("").startsWith("# expect: metadata.name")) {
            metadata.put("name", name);
        }
        metadata.remove("namespace");
        JsonNode kafka = profile.path("spec").path("sink").path("kafka");
        if (kafka instanceof ObjectNode k && !k.has("bootstrapServers")) {
            k.put("bootstrapServers", "kafka:9092"); // not the flaw of any file; a cluster profile needs one
        }
        try {
            return YAML.writeValueAsString(profile);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
