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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard queries only metrics that the worker and the operator really export. */
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
        WorkerMetrics.bind(worker, () -> null);
        Set<String> exported = names(worker.scrape());
        try (OperatorFixture operator = new OperatorFixture(client, 18080)) {
            operator.apply(LoadProfileReconcilerTest.PROFILE);
            await(Duration.ofSeconds(20), () -> operator.metrics.scrape().contains("reconcile_success_total"), () -> "no reconcile");
            exported.addAll(names(operator.metrics.scrape()));
        }
        Set<String> missing = queried.stream().filter(q -> !exported.contains(q)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "queried but not exported; exported: " + exported);
    }

    static Set<String> names(String prometheusText) {
        return prometheusText.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.replaceAll("[{ ].*", "")).collect(Collectors.toCollection(TreeSet::new));
    }
}
