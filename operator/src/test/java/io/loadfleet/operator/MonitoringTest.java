package io.loadfleet.operator;

import static io.loadfleet.operator.OperatorFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.loadfleet.worker.control.WorkerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator serves health and metrics, and the Grafana dashboard queries only metrics really exported. */
@EnableKubernetesMockClient(crud = true)
class MonitoringTest {
    static final Pattern METRIC = Pattern.compile("\\b((?:loadfleet|operator_sdk)_[a-z_]+)");
    KubernetesClient client;

    @Test
    void everyMetricOnTheDashboardIsExported() throws Exception {
        String dashboard = Files.readString(Path.of("..", "deploy", "monitoring", "grafana-dashboard.json"));
        new ObjectMapper().readTree(dashboard); // valid JSON
        Set<String> queried = new TreeSet<>();
        Matcher m = METRIC.matcher(dashboard);
        while (m.find()) {
            queried.add(m.group(1));
        }
        assertTrue(queried.size() >= 8, "metrics found on the dashboard: " + queried);

        PrometheusMeterRegistry worker = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerMetrics.bind(worker, () -> null, List.of("kafka", "file"));
        Set<String> exported = names(worker.scrape());
        try (OperatorFixture operator = new OperatorFixture(client, 18080)) {
            operator.apply(OperatorFixture.PROFILE);
            await(
                    Duration.ofSeconds(20),
                    () -> operator.metrics.scrape().contains("reconcile_success_total"),
                    () -> "no reconcile");
            exported.addAll(names(operator.metrics.scrape()));
        }
        Set<String> missing =
                queried.stream().filter(q -> !exported.contains(q)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "queried but not exported; exported: " + exported);
    }

    @Test
    void operatorServesHealthReadinessAndJosdkMetrics() throws Exception {
        try (OperatorFixture fixture = new OperatorFixture(client, 18080)) {
            fixture.apply(OperatorFixture.PROFILE);
            await(Duration.ofSeconds(20), () -> fixture.get("grid").getStatus() != null, () -> "no status");
            try (OperatorHttpServer http = new OperatorHttpServer(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
                    fixture.operator,
                    fixture.metrics)) {
                var client = java.net.http.HttpClient.newHttpClient();
                java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
                    try {
                        return client.send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create("http://127.0.0.1:" + http.port() + path))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                assertEquals(200, get.apply("/healthz").statusCode());
                assertEquals(200, get.apply("/readyz").statusCode());
                String metrics = get.apply("/metrics").body();
                assertTrue(
                        metrics.contains("operator_sdk_reconciliations"),
                        metrics.lines().limit(20).toList().toString());
            }
        }
    }

    static Set<String> names(String prometheusText) {
        return prometheusText
                .lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.replaceAll("[{ ].*", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
