package io.loadfleet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.loadfleet.operator.config.OperatorSettings;
import io.loadfleet.operator.coordinate.FleetCoordinator;
import io.loadfleet.operator.coordinate.WorkerClient;
import io.loadfleet.operator.reconcile.FleetEvents;
import io.loadfleet.operator.reconcile.LoadProfileReconciler;
import io.loadfleet.operator.verify.LiveVerification;
import io.loadfleet.operator.verify.VerifyMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;

/** {@code java -jar loadfleet-operator.jar}: the operator process. */
public final class OperatorMain {

    private OperatorMain() {}

    public static void main(String[] args) throws Exception {
        OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
        // The standard kubeconfig, or the in-cluster service account.
        KubernetesClient client = new KubernetesClientBuilder().build();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Operator operator = create(client, settings, metrics);
        OperatorHttpServer http = new OperatorHttpServer(
                new InetSocketAddress(settings.bindAddress(), settings.httpPort()), operator, metrics);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            operator.stop();
                            http.close();
                        },
                        "operator-shutdown"));
        operator.start();
    }

    /**
     * The operator as shipped, on a given client: dependents and status are written with
     * server-side apply (JOSDK's default), so labels and fields other managers set on the fleet's
     * objects survive its reconciles; the real-control-plane tests prove it.
     */
    public static Operator create(KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry metrics) {
        return create(client, settings, metrics, true);
    }

    /**
     * The operator on fabric8's mock API server, which has no server-side apply: dependents are
     * updated with PUT and status with JSON Patch.
     */
    static Operator createForMockServer(
            KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry metrics) {
        return create(client, settings, metrics, false);
    }

    private static Operator create(
            KubernetesClient client,
            OperatorSettings settings,
            PrometheusMeterRegistry metrics,
            boolean serverSideApply) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(serverSideApply)
                    .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics));
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration("loadfleet-operator")
                                .withLeaseNamespace(settings.leaseNamespace())
                                // a restart rejoins the election with fresh caches
                                .withExitOnStopLeading(true)
                                .build());
            }
        });
        WorkerClient workers = new WorkerClient();
        LoadProfileReconciler reconciler = new LoadProfileReconciler(
                settings,
                new FleetCoordinator(workers),
                new FleetEvents(client),
                workers,
                new LiveVerification(workers, FleetCoordinator.PASS_DEADLINE, new VerifyMetrics(metrics)));
        operator.register(reconciler, c -> {
            if (!settings.namespaces().isEmpty()) {
                c.settingNamespaces(settings.namespaces().toArray(String[]::new));
            }
        });
        return operator;
    }
}
