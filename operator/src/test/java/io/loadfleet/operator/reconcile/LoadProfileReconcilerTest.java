package io.loadfleet.operator.reconcile;

import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.status.Condition;
import io.loadfleet.api.status.Phase;
import io.loadfleet.operator.OperatorFixture;
import io.loadfleet.operator.dependent.FleetNames;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real JOSDK Operator against fabric8's mock API server in CRUD mode (no pods run here). */
@EnableKubernetesMockClient(crud = true)
@Timeout(120)
class LoadProfileReconcilerTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    KubernetesClient client;
    OperatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new OperatorFixture(client, 18080);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    StatefulSet statefulSet(String name) {
        return client.apps().statefulSets().inNamespace("test").withName(name).get();
    }

    @Test
    void profileBecomesConfigMapHeadlessServiceAndParallelStatefulSetOwnedByIt() throws Exception {
        LoadProfile created = fixture.apply(OperatorFixture.PROFILE);
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet");
        StatefulSet sts = statefulSet("grid");
        assertEquals(3, sts.getSpec().getReplicas());
        assertEquals("Parallel", sts.getSpec().getPodManagementPolicy());
        assertEquals("grid-workers", sts.getSpec().getServiceName());
        assertEquals(
                created.getMetadata().getUid(),
                sts.getMetadata().getOwnerReferences().get(0).getUid());
        var container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("loadfleet/worker:test", container.getImage(), "WORKER_IMAGE is the default image");
        assertEquals("-Xmx256m", container.getEnv().get(0).getValue());
        assertEquals(
                "load", sts.getSpec().getTemplate().getSpec().getNodeSelector().get("pool"));
        assertEquals(18080, container.getPorts().get(0).getContainerPort());

        ConfigMap config = client.configMaps()
                .inNamespace("test")
                .withName("grid-worker-config")
                .get();
        String workerYaml = config.getData().get("worker.yaml");
        assertTrue(workerYaml.contains("smart-grid-data") && workerYaml.contains("smart-meter"), workerYaml);
        assertTrue(!workerYaml.contains("targetRate") && !workerYaml.contains("30000"), "no rate in static config");
        assertTrue(!workerYaml.contains("tracing"), "no tracing unless asked: " + workerYaml);
        Service service =
                client.services().inNamespace("test").withName("grid-workers").get();
        assertEquals("None", service.getSpec().getClusterIP());

        // Hardened as the Pod Security Standards' "restricted" profile asks.
        var pod = sts.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(
                "RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(
                java.util.List.of("ALL"),
                container.getSecurityContext().getCapabilities().getDrop());
        assertTrue(
                container.getVolumeMounts().stream()
                        .anyMatch(m -> m.getMountPath().equals("/tmp")),
                "a writable /tmp");
        // a fleet without Secrets has the template it had before sinks could name Secrets: an upgrade rolls no pods
        assertEquals(
                java.util.List.of("worker", "--config", "/etc/loadfleet/worker.yaml", "--port", "18080"),
                container.getArgs());
        assertNull(pod.getSecurityContext().getFsGroup());
        assertEquals(
                java.util.List.of("config", "tmp"),
                pod.getVolumes().stream().map(v -> v.getName()).toList());

        // Only the operator's pods (and namespaces that opt in to scraping) reach the control port.
        var policy = client.network()
                .v1()
                .networkPolicies()
                .inNamespace("test")
                .withName("grid-workers")
                .get();
        assertEquals(
                java.util.Map.of("loadfleet.io/profile", "grid"),
                policy.getSpec().getPodSelector().getMatchLabels());
        var from = policy.getSpec().getIngress().get(0).getFrom();
        assertEquals(
                "loadfleet-system",
                from.get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        assertEquals(
                "loadfleet-operator",
                from.get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
        assertEquals("true", from.get(1).getNamespaceSelector().getMatchLabels().get("loadfleet.io/scrape-workers"));
        assertEquals(
                18080,
                policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal());
        assertEquals(
                created.getMetadata().getUid(),
                policy.getMetadata().getOwnerReferences().get(0).getUid());

        await(WAIT, () -> fixture.get("grid").getStatus() != null, () -> "no status");
        var status = fixture.get("grid").getStatus();
        assertEquals(Phase.Pending, status.getPhase(), "no pod is ready: the mock runs no kubelet");
        assertEquals(1L, status.getObservedGeneration());
        assertEquals(3, status.getReplicas());
        assertEquals("loadfleet.io/profile=grid", status.getSelector());
    }

    @Test
    void tracingReachesThePodsThroughTheirConfig() throws Exception {
        fixture.apply(OperatorFixture.PROFILE.replace("format: avro", "format: avro\n  tracing: {sampleRatio: 0.05}"));
        await(
                WAIT,
                () -> client.configMaps()
                                .inNamespace("test")
                                .withName("grid-worker-config")
                                .get()
                        != null,
                () -> "no ConfigMap");
        String workerYaml = client.configMaps()
                .inNamespace("test")
                .withName("grid-worker-config")
                .get()
                .getData()
                .get("worker.yaml");
        assertTrue(workerYaml.contains("tracing:") && workerYaml.contains("sampleRatio: 0.05"), workerYaml);
    }

    static final String ORDER_SCHEMA = """
            {"type": "record", "name": "Order", "fields": [
              {"name": "customer_id", "type": "string", "arg.properties": {"device-id": true}},
              {"name": "quantity", "type": "int", "arg.properties": {"range": {"min": 1, "max": 10}}}]}""";

    String readyMessage() {
        var status = fixture.get("grid").getStatus();
        return status == null
                ? ""
                : status.getConditions().stream()
                        .filter(c -> c.getType().equals("Ready"))
                        .map(Condition::getMessage)
                        .findFirst()
                        .orElse("");
    }

    void putSchema(String text) {
        client.configMaps()
                .inNamespace("test")
                .resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("order-schema")
                        .withNamespace("test")
                        .endMetadata()
                        .addToData("order.avsc", text)
                        .build())
                .createOr(c -> c.update());
    }

    @Test
    void aNestedSchemaInAConfigMapForCsvFilesIsRefusedNamingTheField() throws Exception {
        putSchema("""
                {"type": "record", "name": "Order", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "address", "type": {"type": "record", "name": "Address",
                    "fields": [{"name": "city", "type": "string"}]}}]}""");
        fixture.apply(OperatorFixture.PROFILE
                .replace(
                        "generator: {type: smart-meter, seed: 42}",
                        "generator: {type: avro-schema, avroSchema: {configMapRef: {name: order-schema, key: order.avsc}}}")
                .replace(
                        "sink: {kafka: {bootstrapServers: \"kafka:9092\", topic: smart-grid-data, partitions: 6}}",
                        "sink: {file: {path: /tmp/out, format: csv}}")
                .replace("  format: avro\n", ""));
        await(
                WAIT,
                () -> readyMessage().contains("spec.sink.file.format: csv cannot hold the nested field address"),
                () -> "no condition for the nested field: " + readyMessage());
        assertNull(statefulSet("grid"), "no pods that would exit at start");
    }

    @Test
    void anAvroSchemaInAConfigMapIsCheckedAndReachesThePodsInline() throws Exception {
        fixture.apply(OperatorFixture.PROFILE.replace(
                "generator: {type: smart-meter, seed: 42}",
                "generator: {type: avro-schema, avroSchema: {configMapRef: {name: order-schema, key: order.avsc}}}"));
        await(
                WAIT,
                () -> readyMessage()
                        .contains(
                                "spec.generator.avroSchema.configMapRef: ConfigMap order-schema does not "
                                        + "exist in namespace test: create it, e.g. kubectl create configmap order-schema --from-file=order.avsc=SCHEMA.avsc"),
                () -> "no condition for the missing ConfigMap: " + readyMessage());
        assertNull(statefulSet("grid"), "nothing is created without the schema");

        putSchema(ORDER_SCHEMA.replace("\"max\": 10", "\"max\": 1"));
        await(
                WAIT,
                () -> readyMessage()
                        .contains("spec.generator.avroSchema.configMapRef (ConfigMap order-schema key "
                                + "order.avsc): field quantity: arg.properties.range: min 1 must be below max 1"),
                () -> "no condition for the bad rule: " + readyMessage());

        putSchema(ORDER_SCHEMA);
        await(
                WAIT,
                () -> statefulSet("grid") != null,
                () -> "no StatefulSet once the schema is good: " + readyMessage());
        String workerYaml = client.configMaps()
                .inNamespace("test")
                .withName("grid-worker-config")
                .get()
                .getData()
                .get("worker.yaml");
        var generator = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(workerYaml)
                .get("generator");
        assertEquals(
                ORDER_SCHEMA, generator.get("avroSchema").get("schema").asText(), "the pods get the schema inline");
        assertNull(generator.get("avroSchema").get("configMapRef"), workerYaml);
        String hash = statefulSet("grid")
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(FleetNames.CONFIG_HASH_ANNOTATION);

        putSchema(ORDER_SCHEMA.replace("\"max\": 10", "\"max\": 20"));
        await(
                WAIT,
                () -> !hash.equals(statefulSet("grid")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(FleetNames.CONFIG_HASH_ANNOTATION)),
                () -> "an edited schema rolls the pods");
    }

    @Test
    void aDatasetsConfigMapAndS3SecretAreMountedWhereWorkersLook() throws Exception {
        fixture.apply(OperatorFixture.PROFILE.replace("generator: {type: smart-meter, seed: 42}", """
                generator:
                    type: dataset
                    dataset:
                      configMapRef: {name: tx-sample, key: tx.csv}
                      columns: [{name: id, type: string}]"""));
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet: " + readyMessage());
        var pod = statefulSet("grid").getSpec().getTemplate().getSpec();
        var volume = pod.getVolumes().stream()
                .filter(v -> v.getName().equals("dataset"))
                .findFirst()
                .orElseThrow();
        assertEquals("tx-sample", volume.getConfigMap().getName());
        assertEquals("tx.csv", volume.getConfigMap().getItems().get(0).getKey());
        assertTrue(
                volume.getConfigMap().getOptional(),
                "a missing ConfigMap is the worker's to report, not a pod stuck creating");
        var mount = pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("dataset"))
                .findFirst()
                .orElseThrow();
        assertEquals("/etc/loadfleet/configmaps/tx-sample", mount.getMountPath());
        assertTrue(mount.getReadOnly());

        fixture.apply(OperatorFixture.PROFILE.replace("generator: {type: smart-meter, seed: 42}", """
                generator:
                    type: dataset
                    dataset:
                      s3: {endpoint: "http://minio:9000", bucket: data, key: tx.jsonl, secretRef: {name: s3-creds}}
                      columns: [{name: id, type: string}]"""));
        await(
                WAIT,
                () -> statefulSet("grid").getSpec().getTemplate().getSpec().getVolumes().stream()
                        .anyMatch(v -> v.getSecret() != null
                                && v.getSecret().getSecretName().equals("s3-creds")),
                () -> "no s3-creds volume");
        var secret = statefulSet("grid").getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null)
                .findFirst()
                .orElseThrow()
                .getSecret();
        assertEquals(
                java.util.List.of("accessKeyId", "secretAccessKey"),
                secret.getItems().stream()
                        .map(io.fabric8.kubernetes.api.model.KeyToPath::getKey)
                        .toList());
        assertTrue(statefulSet("grid")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs()
                .contains("--secrets-dir"));
    }

    @Test
    void sinkSecretsAreReadOnlyVolumesOfTheirKeysAndOnlyTheirNamesAreInTheConfigMap() throws Exception {
        fixture.apply(OperatorFixture.PROFILE.replace(
                "sink: {kafka: {bootstrapServers: \"kafka:9092\", topic: smart-grid-data, partitions: 6}}", """
                sink:
                    kafka:
                      bootstrapServers: "kafka:9093"
                      topic: smart-grid-data
                      security:
                        protocol: SASL_SSL
                        sasl: {mechanism: SCRAM-SHA-512, secretRef: {name: kafka-user, passwordKey: pw}}
                        tls: {secretRef: {name: cluster-ca.v1}}"""));
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet");
        var pod = statefulSet("grid").getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertEquals(
                java.util.List.of(
                        "worker",
                        "--config",
                        "/etc/loadfleet/worker.yaml",
                        "--port",
                        "18080",
                        "--secrets-dir",
                        "/var/run/secrets/loadfleet"),
                container.getArgs());
        var volumes =
                pod.getVolumes().stream().filter(v -> v.getSecret() != null).toList();
        assertEquals(2, volumes.size(), "one volume per Secret: " + volumes);
        assertEquals("kafka-user", volumes.get(0).getSecret().getSecretName());
        assertEquals(
                java.util.List.of("username", "pw"),
                volumes.get(0).getSecret().getItems().stream()
                        .map(io.fabric8.kubernetes.api.model.KeyToPath::getKey)
                        .toList(),
                "only the keys the sink reads");
        assertEquals("cluster-ca.v1", volumes.get(1).getSecret().getSecretName());
        assertEquals(0440, volumes.get(1).getSecret().getDefaultMode());
        assertEquals(10001L, pod.getSecurityContext().getFsGroup(), "the worker's group may read the files");
        for (var volume : volumes) {
            var mount = container.getVolumeMounts().stream()
                    .filter(m -> m.getName().equals(volume.getName()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("/var/run/secrets/loadfleet/" + volume.getSecret().getSecretName(), mount.getMountPath());
            assertTrue(mount.getReadOnly());
        }
        String workerYaml = client.configMaps()
                .inNamespace("test")
                .withName("grid-worker-config")
                .get()
                .getData()
                .get("worker.yaml");
        assertTrue(
                workerYaml.contains("name: \"kafka-user\"") && workerYaml.contains("passwordKey: \"pw\""), workerYaml);
    }

    @Test
    void targetRateChangeLeavesThePodTemplateAlone() throws Exception {
        fixture.apply(OperatorFixture.PROFILE);
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet");
        var template = statefulSet("grid").getSpec().getTemplate();
        fixture.apply(OperatorFixture.PROFILE.replace("targetRate: 30000", "targetRate: 60000"));
        await(
                WAIT,
                () -> fixture.get("grid").getStatus() != null
                        && Long.valueOf(2)
                                .equals(fixture.get("grid").getStatus().getObservedGeneration()),
                () -> "not observed");
        assertEquals(template, statefulSet("grid").getSpec().getTemplate(), "a rate change restarts nothing");
        assertEquals(60000L, fixture.get("grid").getStatus().getTargetRate());

        fixture.apply(OperatorFixture.PROFILE.replace("topic: smart-grid-data", "topic: other-topic"));
        await(
                WAIT,
                () -> !template.getMetadata()
                        .getAnnotations()
                        .equals(statefulSet("grid")
                                .getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getAnnotations()),
                () -> "hash unchanged");
    }

    @Test
    void aClaimTemplatesChangeRecreatesTheStatefulSetWithAWarningWhatBecomesOfTheClaims() throws Exception {
        String files = OperatorFixture.PROFILE
                        .replace(
                                "sink: {kafka: {bootstrapServers: \"kafka:9092\", topic: smart-grid-data, partitions: 6}}",
                                "sink: {file: {path: /data/grid, format: jsonl}}")
                        .replace("  format: avro\n", "")
                + """
                    volumeMounts: [{name: data, mountPath: /data}]
                    volumeClaimTemplates:
                      - metadata: {name: data}
                        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """;
        fixture.apply(files);
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet");
        StatefulSet first = statefulSet("grid");
        assertEquals(
                "data",
                first.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());

        fixture.apply(files.replace("1Gi", "2Gi"));
        await(
                WAIT,
                () -> statefulSet("grid") != null
                        && !statefulSet("grid")
                                .getMetadata()
                                .getUid()
                                .equals(first.getMetadata().getUid()),
                () -> "not recreated: " + statefulSet("grid"));
        StatefulSet second = statefulSet("grid");
        assertEquals(
                "2Gi",
                second.getSpec()
                        .getVolumeClaimTemplates()
                        .get(0)
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toString());
        assertEquals(first.getSpec().getTemplate(), second.getSpec().getTemplate(), "nothing for the pods to roll");
        var warnings = client.v1().events().inNamespace("test").list().getItems().stream()
                .filter(e -> e.getReason().equals("VolumeClaimTemplatesChanged"))
                .toList();
        assertEquals(1, warnings.size(), warnings::toString);
        assertEquals("Warning", warnings.get(0).getType());
        assertTrue(
                warnings.get(0)
                        .getMessage()
                        .contains("Existing PersistentVolumeClaims (data-grid-N) are kept and "
                                + "reused by name with their old size and storage class"),
                warnings.get(0).getMessage());

        // and an edit of anything else is applied to it as it is
        fixture.apply(files.replace("1Gi", "2Gi").replace("-Xmx256m", "-Xmx512m"));
        await(
                WAIT,
                () -> statefulSet("grid")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()
                        .get(0)
                        .getValue()
                        .equals("-Xmx512m"),
                () -> "not applied");
        assertEquals(
                second.getMetadata().getUid(), statefulSet("grid").getMetadata().getUid());
    }

    @Test
    void invalidSpecIsAConditionNamingTheFieldAndFixingItRecovers() throws Exception {
        fixture.apply(OperatorFixture.PROFILE.replace("count: 17000", "count: 2"));
        await(WAIT, () -> fixture.get("grid").getStatus() != null, () -> "no status");
        var status = fixture.get("grid").getStatus();
        assertEquals(Phase.Failed, status.getPhase());
        Condition ready = status.getConditions().stream()
                .filter(c -> c.getType().equals("Ready"))
                .findFirst()
                .orElseThrow();
        assertEquals("False", ready.getStatus());
        assertEquals("InvalidSpec", ready.getReason());
        assertTrue(ready.getMessage().contains("spec.devices.count: 2 is less than replicas 3"), ready.getMessage());
        assertNull(statefulSet("grid"), "nothing is created for an invalid spec");
        await(
                WAIT,
                () -> client.v1().events().inNamespace("test").list().getItems().stream()
                        .anyMatch(e -> e.getReason().equals("InvalidSpec")
                                && e.getInvolvedObject().getName().equals("grid")
                                && e.getType().equals("Warning")
                                && e.getMessage().contains("spec.devices.count")),
                () -> "no InvalidSpec event");

        fixture.apply(OperatorFixture.PROFILE);
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet after the fix");
        await(WAIT, () -> fixture.get("grid").getStatus().getPhase() == Phase.Pending, () -> "still failed");
    }

    @Test
    void aSinkWithoutABrokerAddressIsInvalidInACluster() throws Exception {
        fixture.apply(OperatorFixture.PROFILE.replace(
                "sink: {kafka: {bootstrapServers: \"kafka:9092\", topic: smart-grid-data, partitions: 6}}",
                "sink: {pulsar: {topic: smart-grid-data}}"));
        await(WAIT, () -> fixture.get("grid").getStatus() != null, () -> "no status");
        Condition ready = fixture.get("grid").getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("Ready"))
                .findFirst()
                .orElseThrow();
        assertEquals("False", ready.getStatus());
        assertTrue(
                ready.getMessage().startsWith("spec.sink.pulsar.serviceUrl: is required in a cluster"),
                ready.getMessage());
        assertNull(statefulSet("grid"), "nothing is created for an invalid spec");
    }

    @Test
    void invalidEditOfARunningProfileKeepsItsFleet() throws Exception {
        fixture.apply(OperatorFixture.PROFILE);
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet");
        fixture.apply(OperatorFixture.PROFILE.replace("replicas: 3", "replicas: 0"));
        await(
                WAIT,
                () -> fixture.get("grid").getStatus() != null
                        && fixture.get("grid").getStatus().getPhase() == Phase.Failed,
                () -> "not failed");
        assertEquals(3, statefulSet("grid").getSpec().getReplicas(), "the running fleet is untouched");
    }

    @Test
    void readyPodsThatDoNotAnswerMakeTheFleetDegradedWithAnEvent() throws Exception {
        fixture.apply(OperatorFixture.PROFILE
                .replace("replicas: 3", "replicas: 1")
                .replace("targetRate: 30000", "targetRate: 3000"));
        await(WAIT, () -> statefulSet("grid") != null, () -> "no StatefulSet");
        var template = statefulSet("grid").getSpec().getTemplate();
        // A pod the kubelet reports ready, at an address where nothing listens.
        client.pods()
                .inNamespace("test")
                .resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata()
                        .withName("grid-0")
                        .withNamespace("test")
                        .withLabels(template.getMetadata().getLabels())
                        .endMetadata()
                        .withSpec(template.getSpec())
                        .withNewStatus()
                        .withPodIP("127.0.0.1")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
        await(
                WAIT,
                () -> fixture.get("grid").getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Degraded")
                                && c.getStatus().equals("True")
                                && c.getMessage().contains("1 ready pod(s) did not answer")),
                () -> "not degraded");
        await(
                WAIT,
                () -> client.v1().events().inNamespace("test").list().getItems().stream()
                        .anyMatch(e -> e.getReason().equals("Degraded")
                                && e.getType().equals("Warning")
                                && e.getMessage().startsWith("PodsNotAnswering: ")),
                () -> "no Degraded event");
        assertEquals(Phase.Pending, fixture.get("grid").getStatus().getPhase(), "no epoch without an answering pod");
    }
}
