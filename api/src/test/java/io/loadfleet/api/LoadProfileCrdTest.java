package io.loadfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.loadfleet.api.spec.DatasetColumn;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.GamingBetSettingsSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.S3UploadSpec;
import io.loadfleet.api.spec.TemperatureSettingsSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the committed CRD (crds/) promises: names, subresources, printer columns and the OpenAPI schema. */
class LoadProfileCrdTest {
    private static CustomResourceDefinition crd;
    private static CustomResourceDefinitionVersion version;
    private static JSONSchemaProps root;

    @BeforeAll
    static void readCommittedCrd() throws IOException {
        Crds.updateIfRequested();
        Path file = Crds.committed();
        assertTrue(Files.exists(file), "crds/" + Crds.FILE + " is missing; " + Crds.REFRESH);
        try (InputStream in = Files.newInputStream(file)) {
            crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
        assertEquals(1, crd.getSpec().getVersions().size());
        version = crd.getSpec().getVersions().get(0);
        root = version.getSchema().getOpenAPIV3Schema();
    }

    @Test
    void namesScopeAndVersion() {
        assertEquals("loadprofiles.loadfleet.io", crd.getMetadata().getName());
        assertEquals(LoadProfile.GROUP, crd.getSpec().getGroup());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals(LoadProfile.KIND, crd.getSpec().getNames().getKind());
        assertEquals("loadprofiles", crd.getSpec().getNames().getPlural());
        assertEquals("loadprofile", crd.getSpec().getNames().getSingular());
        assertTrue(crd.getSpec().getNames().getShortNames().contains("lp"), "short name lp");
        assertEquals(LoadProfile.VERSION, version.getName());
        assertTrue(version.getServed());
        assertTrue(version.getStorage());
    }

    @Test
    void statusAndScaleSubresources() {
        assertNotNull(version.getSubresources(), "subresources");
        assertNotNull(version.getSubresources().getStatus(), "status subresource");
        CustomResourceSubresourceScale scale = version.getSubresources().getScale();
        assertNotNull(scale, "scale subresource");
        assertEquals(".spec.replicas", scale.getSpecReplicasPath());
        assertEquals(".status.replicas", scale.getStatusReplicasPath());
        assertEquals(".status.selector", scale.getLabelSelectorPath());
        assertEquals("string", prop("status.selector").getType());
    }

    @Test
    void printerColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (CustomResourceColumnDefinition c : version.getAdditionalPrinterColumns()) {
            columns.put(c.getName(), c.getJsonPath() + " " + c.getType());
            assertEquals(
                    c.getName().equals("Lost") ? 1 : 0,
                    c.getPriority(),
                    c.getName()
                            + (c.getName().equals("Lost")
                                    ? " is shown with -o wide only"
                                    : " is shown without -o wide"));
        }
        // In this order: the committed CRD restores the declared order the generator sorts away.
        assertEquals(
                List.of(
                        "Target .spec.targetRate integer",
                        "Achieved .status.achievedRate number",
                        "P99-ms .status.latency.publishMs.p99 number",
                        "Replicas .status.replicas integer",
                        "Ready .status.readyReplicas integer",
                        "Phase .status.phase string",
                        "Lost .status.verify.lost integer",
                        "Age .metadata.creationTimestamp date"),
                columns.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());
    }

    @Test
    void requiredFields() {
        assertEquals(
                Set.of("targetRate", "devices", "generator", "sink"),
                Set.copyOf(prop("spec").getRequired()));
        assertEquals(List.of("count"), prop("spec.devices").getRequired());
        assertEquals(List.of("type"), prop("spec.generator").getRequired());
        assertEquals(List.of("topic"), prop("spec.sink.kafka").getRequired());
        assertEquals(
                Set.of("duration", "targetRate"),
                Set.copyOf(prop("spec.stages[]").getRequired()));
        assertEquals(List.of("fraction"), prop("spec.faults.outOfOrder").getRequired());
        assertEquals(List.of("fraction"), prop("spec.faults.late").getRequired());
    }

    @Test
    void boundsMatchTheValidator() {
        assertBounds("spec.targetRate", 0.0, (double) Limits.MAX_TARGET_RATE);
        assertBounds("spec.replicas", 1.0, (double) Limits.MAX_REPLICAS);
        assertBounds("spec.maxRatePerPod", 1.0, (double) Limits.MAX_TARGET_RATE);
        assertBounds("spec.devices.count", 1.0, (double) Limits.MAX_DEVICES);
        assertBounds("spec.stages[].targetRate", 0.0, (double) Limits.MAX_TARGET_RATE);
        assertBounds("spec.sink.kafka.partitions", 1.0, (double) Limits.MAX_PARTITIONS);
        assertBounds("spec.sink.kafka.lingerMs", 0.0, null);
        assertBounds("spec.sink.kafka.batchSize", 0.0, null);
        String knobs = "spec.generator.settings.";
        for (String share : List.of(
                "iotSensor.alertOdds.highTemperature",
                "iotSensor.alertOdds.highHumidity",
                "iotSensor.alertOdds.lowBattery",
                "transaction.declineRate",
                "transaction.fraudRate")) {
            assertBounds(knobs + share, 0.0, 1.0);
        }
        for (String weight : List.of(
                "smartMeter.statusMix.online",
                "smartMeter.statusMix.offline",
                "smartMeter.statusMix.maintenance",
                "gamingBet.operationMix.bet",
                "gamingBet.operationMix.win",
                "gamingBet.operationMix.refund")) {
            assertBounds(knobs + weight, 0.0, null);
        }
        for (String level : List.of("gamingBet.minStakeLevel", "gamingBet.maxStakeLevel")) {
            assertBounds(knobs + level, 0.0, GamingBetSettingsSpec.MAX_STAKE_LEVEL);
            assertEquals(true, prop(knobs + level).getExclusiveMinimum(), level);
        }
        for (String amount : List.of("gamingBet.minAmountUsd", "gamingBet.maxAmountUsd")) {
            assertBounds(knobs + amount, GamingBetSettingsSpec.MIN_AMOUNT_USD, GamingBetSettingsSpec.MAX_AMOUNT_USD);
        }
        assertBounds(knobs + "temperature.driftPerDay", 0.0, TemperatureSettingsSpec.MAX_DRIFT_PER_DAY);
        assertBounds(
                knobs + "temperature.recalibrationDays", 1.0, (double) TemperatureSettingsSpec.MAX_RECALIBRATION_DAYS);
        for (String fraction :
                List.of("spec.faults.duplicates", "spec.faults.outOfOrder.fraction", "spec.faults.late.fraction")) {
            assertBounds(fraction, 0.0, 1.0);
            assertEquals("number", prop(fraction).getType(), fraction);
        }
        assertEquals("integer", prop("spec.targetRate").getType());
    }

    @Test
    void enumsAreTheYamlNames() {
        assertEquals(Set.of("none", "gzip", "snappy", "lz4", "zstd"), enumOf("spec.sink.kafka.compression"));
        assertEquals(Set.of("0", "1", "all"), enumOf("spec.sink.kafka.acks"));
        assertEquals(Set.of("json", "avro"), enumOf("spec.format"));
        assertEquals(
                Arrays.stream(GeneratorType.values()).map(GeneratorType::id).collect(Collectors.toSet()),
                enumOf("spec.generator.type"));
        assertEquals(
                Set.of("Pending", "Running", "Rescaling", "Paused", "Completed", "Failed"), enumOf("status.phase"));
    }

    @Test
    void durationsAndTopicHavePatterns() {
        assertEquals(Durations.PATTERN, prop("spec.duration").getPattern());
        assertEquals(Durations.PATTERN, prop("spec.stages[].duration").getPattern());
        assertEquals(Durations.PATTERN, prop("spec.faults.outOfOrder.maxShift").getPattern());
        assertEquals(Durations.PATTERN, prop("spec.faults.late.delay").getPattern());
        assertEquals(Limits.TOPIC_PATTERN, prop("spec.sink.kafka.topic").getPattern());
        Pattern duration = Pattern.compile(Durations.PATTERN);
        for (String ok : List.of("500ms", "30s", "10m", "1h30m", "1h0m5s")) {
            assertTrue(duration.matcher(ok).find(), ok);
            assertTrue(Durations.parse(ok).isPresent(), ok);
        }
        for (String bad : List.of("", "10", "1.5s", "10 m", "1d", "-5s")) {
            assertFalse(duration.matcher(bad).find(), bad);
            assertFalse(Durations.parse(bad).isPresent(), bad);
        }
    }

    @Test
    void everyPropertyHasADescription() {
        List<String> undocumented = new ArrayList<>();
        List<String> all = new ArrayList<>();
        walk(root, "", (path, schema) -> {
            all.add(path);
            if ((schema.getDescription() == null || schema.getDescription().isBlank()) && !insideKubernetesType(path)) {
                undocumented.add(path);
            }
        });
        assertTrue(
                all.containsAll(List.of(
                        "spec",
                        "status",
                        "spec.sink.kafka",
                        "spec.sink.kafka.properties",
                        "spec.stages[].duration",
                        "status.conditions[].reason",
                        "status.selector")),
                all.toString());
        assertEquals(List.of(), undocumented, "properties without a description (kubectl explain shows them bare)");
    }

    /**
     * Fields of Kubernetes' own types (affinity, resources, tolerations, image pull secrets, volumes, volume mounts,
     * claim templates) embedded under spec.worker and spec.verify.worker: the generator emits them bare, and `kubectl
     * explain pod.spec` (or statefulset.spec) documents them.
     */
    private static boolean insideKubernetesType(String path) {
        return List.of("spec.worker.", "spec.verify.worker.").stream()
                .flatMap(worker -> Stream.of(
                                "affinity.",
                                "resources.",
                                "tolerations[].",
                                "imagePullSecrets[].",
                                "volumes[].",
                                "volumeMounts[].",
                                "volumeClaimTemplates[].")
                        .map(field -> worker + field))
                .anyMatch(path::startsWith);
    }

    @Test
    void exampleProfilesConformToTheSchema() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Path examples = Crds.moduleDir().resolveSibling("deploy").resolve("examples");
        List<Path> files;
        try (Stream<Path> list = Files.list(examples)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no examples in " + examples);
        int profiles = 0;
        for (Path file : files) {
            JsonNode profile = yaml.readTree(file.toFile());
            if (!LoadProfile.KIND.equals(profile.path("kind").asText())) {
                assertEquals(
                        "Application",
                        profile.path("kind").asText(),
                        file + ": examples are LoadProfiles and the Argo CD app");
                continue;
            }
            profiles++;
            List<String> problems = new ArrayList<>();
            check(profile.get("spec"), prop("spec"), "spec", problems);
            assertEquals(List.of(), problems, file.getFileName() + " against the CRD schema");
        }
        assertTrue(profiles >= 6, "one example per generator and per sink: " + files);
    }

    @Test
    void schemaCheckOfTheExamplesCatchesMistakes() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree("""
                targetRate: -1
                devices: {}
                generator: {type: smart-fridge}
                sink: {kafka: {topic: "a b", compression: brotli, acks: "2", lingerMs: 1}}
                stages: [{duration: 1.5s, targetRate: 10}]
                pasued: true
                """);
        List<String> problems = new ArrayList<>();
        check(spec, prop("spec"), "spec", problems);
        assertEquals(
                List.of(
                        "spec.devices.count: required",
                        "spec.generator.type: smart-fridge not in [avro-schema, dataset, gaming-bet, iot-sensor, smart-meter, temperature, transaction]",
                        "spec.pasued: unknown field (the API server would drop it)",
                        "spec.sink.kafka.acks: 2 not in [0, 1, all]",
                        "spec.sink.kafka.compression: brotli not in [gzip, lz4, none, snappy, zstd]",
                        "spec.sink.kafka.topic: a b does not match ^[a-zA-Z0-9._-]{1,249}$",
                        "spec.stages[].duration: 1.5s does not match ^(\\d+(ms|h|m|s))+$",
                        "spec.targetRate: -1 below minimum 0.0"),
                problems.stream().sorted().toList());
    }

    /**
     * The validator's cross-field checks the API server can make are CEL rules of the CRD (x-kubernetes-validations),
     * each on the object holding its fields and pointing, with fieldPath, at the field the validator names.
     */
    @Test
    void celRulesRepeatTheValidatorsCrossFieldChecks() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("", List.of(".spec", "metadata.name", "metadata.name"));
        expected.put(
                "spec",
                List.of(
                        ".devices.count",
                        ".devices.count",
                        ".replicas",
                        ".targetRate",
                        ".devices.count",
                        ".devices.count",
                        ".tracing",
                        ".sink.kafka.schemaRegistry",
                        ".format",
                        ".verify",
                        ".faults"));
        expected.put("spec.duration", List.of("spec.duration"));
        expected.put("spec.devices", List.of(".order"));
        expected.put("spec.devices.distribution", List.of(".exponent", "spec.devices.distribution"));
        expected.put("spec.devices.distribution.exponent", List.of("spec.devices.distribution.exponent"));
        expected.put("spec.devices.distribution.hotFraction", List.of("spec.devices.distribution.hotFraction"));
        expected.put("spec.arrival", List.of(".size", "spec.arrival"));
        expected.put("spec.arrival.every", List.of("spec.arrival.every"));
        expected.put("spec.faults", List.of("spec.faults"));
        expected.put("spec.faults.outOfOrder.maxShift", List.of("spec.faults.outOfOrder.maxShift"));
        expected.put("spec.faults.late.delay", List.of("spec.faults.late.delay"));
        expected.put("spec.tracing.sampleRatio", List.of("spec.tracing.sampleRatio"));
        expected.put("spec.verify.grace", List.of("spec.verify.grace"));
        expected.put("spec.sink", List.of("spec.sink"));
        expected.put("spec.sink.kafka.topic", List.of("spec.sink.kafka.topic"));
        expected.put("spec.sink.kafka.properties", List.of("spec.sink.kafka.properties"));
        expected.put("spec.sink.kafka.security", List.of(".sasl", ".sasl", ".tls"));
        expected.put("spec.sink.kafka.security.sasl", List.of(".username"));
        expected.put("spec.sink.kafka.schemaRegistry", List.of(".tls"));
        expected.put("spec.sink.pulsar", List.of(".partitions", ".tls"));
        expected.put("spec.sink.file.s3.endpoint", List.of("spec.sink.file.s3.endpoint"));
        expected.put(
                "spec.generator",
                List.of(
                        ".dataset",
                        ".avroSchema",
                        ".dataset",
                        ".avroSchema",
                        ".settings.iotSensor",
                        ".settings.smartMeter",
                        ".settings.transaction",
                        ".settings.gamingBet",
                        ".settings.temperature"));
        expected.put("spec.generator.avroSchema", List.of("spec.generator.avroSchema"));
        expected.put("spec.generator.dataset", List.of("spec.generator.dataset", ".format"));
        expected.put("spec.generator.dataset.url", List.of("spec.generator.dataset.url"));
        expected.put("spec.generator.dataset.s3.endpoint", List.of("spec.generator.dataset.s3.endpoint"));
        expected.put("spec.generator.settings.gamingBet", List.of(".minStakeLevel", ".minAmountUsd"));
        expected.put(
                "spec.generator.settings.gamingBet.operationMix",
                List.of("spec.generator.settings.gamingBet.operationMix"));
        expected.put(
                "spec.generator.settings.smartMeter.statusMix",
                List.of("spec.generator.settings.smartMeter.statusMix"));
        Map<String, List<String>> found = new LinkedHashMap<>();
        walkRules(
                root,
                "",
                (path, rule) -> found.computeIfAbsent(path, p -> new ArrayList<>())
                        .add(
                                rule.getFieldPath() != null
                                        ? rule.getFieldPath()
                                        : rule.getMessage()
                                                .substring(0, rule.getMessage().indexOf(':'))));
        assertEquals(expected, found, "CEL rules (fieldPath, or the field the message names) by schema path");

        List<String> rootRules =
                root.getXKubernetesValidations().stream().map(r -> r.getRule()).toList();
        assertTrue(
                rootRules.get(1).contains("size(self.metadata.name) <= " + LoadProfile.MAX_NAME_LENGTH)
                        && rootRules.get(1).contains(LoadProfile.NAME_PATTERN),
                rootRules.get(1));
        assertEquals(
                "self != '.' && self != '..'",
                prop("spec.sink.kafka.topic").getXKubernetesValidations().get(0).getRule());
        assertEquals(
                "!self.matches('" + Durations.CEL_ZERO + "')",
                prop("spec.duration").getXKubernetesValidations().get(0).getRule());
        Pattern zero = Pattern.compile(Durations.CEL_ZERO);
        for (String text : List.of("0s", "0ms", "00h0m", "0h0m0s0ms", "1s", "0h1s", "10ms", "1h0m")) {
            assertEquals(
                    Durations.parse(text).orElseThrow().isZero(),
                    zero.matcher(text).find(),
                    text);
        }
        // the faults' duration rules write the pattern without backslashes (escapes in a CEL string): the same pattern
        String upToAnHour = prop("spec.faults.late.delay")
                .getXKubernetesValidations()
                .get(0)
                .getRule();
        assertEquals(
                upToAnHour,
                prop("spec.faults.outOfOrder.maxShift")
                        .getXKubernetesValidations()
                        .get(0)
                        .getRule());
        Matcher quoted = Pattern.compile("!self.matches\\('([^']*)'\\)").matcher(upToAnHour);
        assertTrue(quoted.find(), upToAnHour);
        Pattern celDuration = Pattern.compile(quoted.group(1));
        Pattern duration = Pattern.compile(Durations.PATTERN);
        for (String text : List.of("0s", "5s", "1h30m", "500ms", "10", "1.5s", "1d", "-5s", "5 s", "")) {
            assertEquals(
                    duration.matcher(text).find(), celDuration.matcher(text).find(), text);
        }
        assertTrue(upToAnHour.endsWith("duration(self) <= duration('1h'))"), upToAnHour);
    }

    /** The schema constraints that repeat the validator's single-field checks CEL rules do not cover. */
    @Test
    void schemaConstraintsRepeatTheValidatorsFieldChecks() {
        assertEquals(1L, prop("spec.generator.dataset.columns").getMinItems());
        assertEquals(
                DatasetColumn.NAME_PATTERN,
                prop("spec.generator.dataset.columns[].name").getPattern());
        for (String blankless : List.of(
                "spec.generator.dataset.path",
                "spec.generator.dataset.s3.region",
                "spec.generator.dataset.s3.bucket",
                "spec.generator.dataset.s3.key",
                "spec.sink.file.path",
                "spec.sink.file.s3.region",
                "spec.sink.kafka.bootstrapServers")) {
            assertEquals("\\S", prop(blankless).getPattern(), blankless);
        }
        assertEquals(
                S3UploadSpec.BUCKET_PATTERN, prop("spec.sink.file.s3.bucket").getPattern());
        assertEquals(
                S3UploadSpec.PREFIX_PATTERN, prop("spec.sink.file.s3.prefix").getPattern());
        for (String secretName : List.of(
                "spec.sink.kafka.security.sasl.secretRef.name",
                "spec.sink.kafka.security.tls.secretRef.name",
                "spec.sink.pulsar.tls.secretRef.name",
                "spec.sink.pulsar.auth.token.secretRef.name",
                "spec.generator.dataset.s3.secretRef.name",
                "spec.sink.file.s3.secretRef.name")) {
            assertEquals((long) Limits.MAX_SECRET_NAME_LENGTH, prop(secretName).getMaxLength(), secretName);
            assertEquals(Limits.SECRET_NAME_PATTERN, prop(secretName).getPattern(), secretName);
        }
        assertEquals("string", prop("spec.sink.kafka.acks").getType());
        // quoted in the YAML: unquoted, kubectl would send the enum values 0 and 1 as numbers
        for (JsonNode value : prop("spec.sink.kafka.acks").getEnum()) {
            assertTrue(value.isTextual(), "acks enum value " + value + " is a string");
        }
    }

    /**
     * Each rule's message starts with the field it refuses, as the validator's problems do; and no message
     * expression converts a number with string(): the API server estimates its result as a string of any length
     * and refuses the CRD as over its CEL cost budget.
     */
    @Test
    void celMessagesNameTheirFieldAndStayWithinTheCostBudget() {
        List<String> problems = new ArrayList<>();
        walkRules(root, "", (path, rule) -> {
            String field = (path + (rule.getFieldPath() == null ? "" : rule.getFieldPath())).replaceFirst("^\\.", "");
            String prefix = field.isEmpty() ? "metadata.name: " : field + ": ";
            if (!rule.getMessage().startsWith(prefix)) {
                problems.add(path + ": message \"" + rule.getMessage() + "\" does not start with " + prefix);
            }
            if (rule.getMessageExpression() != null
                    && !rule.getMessageExpression().startsWith("'" + prefix)) {
                problems.add(
                        path + ": messageExpression " + rule.getMessageExpression() + " does not start with " + prefix);
            }
            if (rule.getMessageExpression() != null
                    && rule.getMessageExpression().contains("string(")) {
                problems.add(path + ": messageExpression converts with string(): " + rule.getMessageExpression());
            }
        });
        assertEquals(List.of(), problems);
    }

    /** Visits the CEL rules of a schema and every schema below it, by dotted path ({@code []} for array items). */
    private static void walkRules(JSONSchemaProps schema, String path, BiConsumer<String, ValidationRule> visit) {
        if (schema.getXKubernetesValidations() != null) {
            schema.getXKubernetesValidations().forEach(rule -> visit.accept(path, rule));
        }
        if (schema.getProperties() != null) {
            schema.getProperties()
                    .forEach((name, child) -> walkRules(child, path.isEmpty() ? name : path + "." + name, visit));
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            walkRules(schema.getItems().getSchema(), path + "[]", visit);
        }
    }

    private static void assertBounds(String path, Double min, Double max) {
        assertEquals(min, prop(path).getMinimum(), path + " minimum");
        assertEquals(max, prop(path).getMaximum(), path + " maximum");
    }

    private static Set<String> enumOf(String path) {
        List<JsonNode> values = prop(path).getEnum();
        assertNotNull(values, path + " has no enum");
        return values.stream().map(JsonNode::asText).collect(Collectors.toSet());
    }

    /** The schema at a dotted path; {@code []} steps into array items. */
    private static JSONSchemaProps prop(String path) {
        JSONSchemaProps schema = root;
        for (String step : path.split("\\.")) {
            boolean array = step.endsWith("[]");
            String name = array ? step.substring(0, step.length() - 2) : step;
            assertNotNull(schema.getProperties(), "no properties above " + path);
            schema = schema.getProperties().get(name);
            assertNotNull(schema, "no property " + path);
            if (array) {
                schema = schema.getItems().getSchema();
            }
        }
        return schema;
    }

    /** Visits every named property (not the root, nor the schemas of array items and map values themselves). */
    private static void walk(JSONSchemaProps schema, String path, BiConsumer<String, JSONSchemaProps> visit) {
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, child) -> {
                String at = path.isEmpty() ? name : path + "." + name;
                visit.accept(at, child);
                walk(child, at, visit);
            });
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            walk(schema.getItems().getSchema(), path + "[]", visit);
        }
        if (schema.getAdditionalProperties() != null
                && schema.getAdditionalProperties().getSchema() != null) {
            walk(schema.getAdditionalProperties().getSchema(), path + ".*", visit);
        }
    }

    /** A small structural check (types, unknown fields, required, enum, pattern, bounds) of YAML against the schema. */
    private static void check(JsonNode value, JSONSchemaProps schema, String path, List<String> problems) {
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) { // a Quantity, as storage: 2Gi
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(path + ": " + value + " is neither an integer nor a string");
            }
            return;
        }
        String type = schema.getType();
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": not an object");
                    return;
                }
                for (String required : schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
                    if (!value.has(required)) {
                        problems.add(path + "." + required + ": required");
                    }
                }
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    String at = path + "." + field.getKey();
                    JSONSchemaProps child = schema.getProperties() == null
                            ? null
                            : schema.getProperties().get(field.getKey());
                    if (child == null && schema.getAdditionalProperties() != null) {
                        child = schema.getAdditionalProperties().getSchema();
                    }
                    if (child == null) {
                        problems.add(at + ": unknown field (the API server would drop it)");
                    } else {
                        check(field.getValue(), child, at, problems);
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": not an array");
                    return;
                }
                value.forEach(item -> check(item, schema.getItems().getSchema(), path + "[]", problems));
            }
            case "integer", "number" -> {
                if (type.equals("integer") ? !value.isIntegralNumber() : !value.isNumber()) {
                    problems.add(path + ": " + value + " is not an " + type);
                    return;
                }
                if (schema.getMinimum() != null && value.asDouble() < schema.getMinimum()) {
                    problems.add(path + ": " + value + " below minimum " + schema.getMinimum());
                }
                if (schema.getMaximum() != null && value.asDouble() > schema.getMaximum()) {
                    problems.add(path + ": " + value + " above maximum " + schema.getMaximum());
                }
            }
            case "string" -> {
                // YAML's unquoted acks: 1 reaches the API server as a JSON number, which a string field rejects.
                if (!value.isTextual()) {
                    problems.add(path + ": " + value + " is not a string");
                    return;
                }
                String text = value.asText();
                if (schema.getEnum() != null && !schema.getEnum().isEmpty()) { // fabric8 reads "no enum" as []
                    List<String> allowed = schema.getEnum().stream()
                            .map(JsonNode::asText)
                            .sorted()
                            .toList();
                    if (!allowed.contains(text)) {
                        problems.add(path + ": " + text + " not in " + allowed);
                    }
                }
                if (schema.getPattern() != null
                        && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
                    problems.add(path + ": " + text + " does not match " + schema.getPattern());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": " + value + " is not a boolean");
                }
            }
            default -> problems.add(path + ": unexpected schema type " + type);
        }
    }
}
