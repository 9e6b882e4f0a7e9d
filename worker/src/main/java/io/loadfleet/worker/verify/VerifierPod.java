package io.loadfleet.worker.verify;

import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.SinkException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One verifier pod's process ({@code verify --live}): its HTTP API up at once ({@link VerifierServer}), then
 * the topic its fleet's sink sends to connected, retried until the broker answers (a broker that is not up
 * yet is normal in a cluster). Until then it is not ready, and its report says why. Then it reads the
 * partitions the operator assigns it and counts every record since it started.
 */
public final class VerifierPod implements AutoCloseable {
    /** Names this process in its reports: a restarted verifier is another incarnation. */
    private final String incarnation = UUID.randomUUID().toString();

    private final WorkerConfig config;
    private final SinkTarget target;
    private final GeneratorInputs inputs;
    private final String subscription;
    /** Kept here: the metrics hold it only weakly. */
    private final Supplier<LiveAudit.Totals> totals = this::totals;

    private final LiveAudit.LatencyListener latency;
    private final VerifierServer server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile AssignedVerifier verifier;
    /** Why the last attempt to connect failed; null before one did. */
    private volatile String problem;

    /**
     * Serves the API on {@code address} at once; {@link #connect} brings the topic.
     *
     * @param config       the fleet's worker configuration: the sink, its format and generator
     * @param subscription the Kafka client.id, or the name of the Pulsar readers' subscriptions
     */
    public VerifierPod(
            WorkerConfig config,
            SinkTarget target,
            GeneratorInputs inputs,
            String subscription,
            InetSocketAddress address)
            throws IOException {
        this.config = config;
        this.target = target;
        this.inputs = inputs;
        this.subscription = subscription;
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.latency = VerifierMetrics.bind(metrics, totals);
        this.server = new VerifierServer(address, this, metrics);
    }

    /**
     * Connects to the topic, trying again {@code retry} after each failure, until it works or the pod closes.
     *
     * @param log hears each failed attempt
     * @return true once connected, false when the pod closed first
     * @throws InvalidSinkSettingException when the sink's settings can never work (no retry helps)
     * @throws io.loadfleet.worker.secret.UnreadableSecretException when a Secret key the sink names has no file
     */
    public boolean connect(Duration retry, Consumer<String> log) throws InterruptedException {
        while (closed.getCount() > 0) {
            try {
                LiveAudit audit = new LiveAudit(valueCheck(), latency);
                return install(new AssignedVerifier(incarnation, PartitionSource.open(target, subscription), audit));
            } catch (InvalidSinkSettingException e) {
                throw e;
            } catch (SinkException | GeneratorInputException e) {
                problem = e.getMessage();
                log.accept(e.getMessage() + "; retrying in " + retry.toSeconds() + "s");
                if (closed.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
        }
        return false;
    }

    /** What the fleet sends; the generator's schema is read only to decode bare Avro. */
    private Predicate<byte[]> valueCheck() {
        return ValueChecks.forSink(
                target,
                config.format(),
                config.format() == Format.AVRO ? Generators.schema(config.generator(), inputs) : null);
    }

    private synchronized boolean install(AssignedVerifier connected) {
        if (closed.getCount() == 0) {
            connected.close();
            return false;
        }
        verifier = connected;
        return true;
    }

    /** The verifier once connected; null before. */
    AssignedVerifier verifier() {
        return verifier;
    }

    /** What {@code GET /verify/report} answers: before it is connected, nothing counted and why. */
    VerifierReport report() {
        AssignedVerifier v = verifier;
        return v != null ? v.report() : new VerifierReport(incarnation, 0, 0, null, null, null, 0, 0, 0, null, problem);
    }

    /** Why it is not ready, in a line starting "not ready: "; null once it is. */
    String notReadyBecause() {
        return verifier != null
                ? null
                : "not ready: connecting to " + target.describe() + (problem == null ? "" : ": " + problem);
    }

    private LiveAudit.Totals totals() {
        AssignedVerifier v = verifier;
        return v == null ? LiveAudit.Totals.NONE : v.totals();
    }

    public int port() {
        return server.port();
    }

    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops reading and serving, without a last report: a successor goes on from the last one taken. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        if (verifier != null) {
            verifier.close();
        }
        server.close();
    }
}
