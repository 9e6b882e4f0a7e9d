package io.loadfleet.worker.control;

import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.schema.CsvColumns;
import io.loadfleet.api.spec.SinkKind;
import io.loadfleet.worker.engine.LatencyObserver;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.secret.UnreadableSecretException;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SinkDecorator;
import io.loadfleet.worker.sink.SinkException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One worker pod's process: the control API up at once, then the sink connected, retried until the
 * broker answers (a broker that is not up yet is normal in a cluster). Until then the pod is not
 * ready and its status is LOADING_INPUT (a dataset or schema it cannot load) or CONNECTING, with the
 * last error, so the operator can say why instead of waiting in silence.
 */
public final class WorkerPod implements AutoCloseable {
    private static final Duration MAX_INPUT_RETRY = Duration.ofMinutes(5);

    private final WorkerConfig config;
    private final SinkTarget target;
    private final GeneratorInputs inputs;
    /** Resolved once (a dataset is loaded once), then kept across connection attempts. */
    private RecordShape shape;

    private final String clientId;
    private final LatencyObserver latency;
    private final MeterRegistry metrics;
    private final ControlServer server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile WorkerService worker;
    /** What the pod reports until it is ready: the step it is stuck at and why. */
    private volatile WorkerStatus notReady;

    /** Serves the control API on {@code control} at once; {@link #connect} brings the sink. */
    public WorkerPod(
            WorkerConfig config, SinkTarget target, GeneratorInputs inputs, String clientId, InetSocketAddress control)
            throws IOException {
        this.config = config;
        this.target = target;
        this.inputs = inputs;
        this.clientId = clientId;
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = metrics;
        this.latency = WorkerMetrics.bind(
                metrics,
                this::service,
                config.sink().kinds().stream().map(SinkKind::id).toList());
        this.notReady = WorkerStatus.notReady(config.profile(), WorkerState.LOADING_INPUT, null);
        this.server = new ControlServer(
                control, this::service, () -> notReady, metrics, new SchemaPreflightCheck(target.secrets(), inputs));
    }

    /**
     * Connects the sink, trying again {@code retry} after each failure, until it works or the pod
     * closes.
     *
     * @param log hears each failed attempt
     * @return true once connected, false when the pod closed first
     * @throws InvalidSinkSettingException when the sink's settings can never work (no retry helps)
     * @throws UnreadableSecretException    when a Secret key the sink or generator names has no readable file
     */
    public boolean connect(Duration retry, Consumer<String> log) throws InterruptedException {
        int inputFailures = 0;
        while (closed.getCount() > 0) {
            Duration wait = retry;
            try {
                if (shape == null) {
                    RecordShape loaded = Generators.shape(config.generator(), inputs);
                    // a ConfigMap'd schema is first seen here: CSV files cannot hold its nested fields
                    CsvColumns.refusal(config.sink(), loaded.schema()).ifPresent(problem -> {
                        throw new InvalidSinkSettingException(problem.toString(), null);
                    });
                    shape = loaded;
                    notReady = WorkerStatus.notReady(config.profile(), WorkerState.CONNECTING, null);
                }
                RecordSink sink = target.open(clientId, config.format(), shape.schema());
                WorkerMetrics.observeSinks(metrics, sink.legs());
                WorkerService connected =
                        new WorkerService(config, shape, SinkDecorator.around(sink), Clock.SYSTEM, latency);
                return install(connected);
            } catch (InvalidSinkSettingException e) {
                throw e;
            } catch (SinkException | GeneratorInputException e) {
                // a dataset may be fixed or its store come back, as a broker may come up: report and retry;
                // a dataset is fetched whole each time, so those retries back off (doubling, up to 5 min)
                boolean input = e instanceof GeneratorInputException;
                if (input) {
                    wait = retry.multipliedBy(1L << Math.min(inputFailures++, 6));
                    wait = wait.compareTo(MAX_INPUT_RETRY) > 0 ? MAX_INPUT_RETRY : wait;
                }
                notReady = WorkerStatus.notReady(
                        config.profile(), input ? WorkerState.LOADING_INPUT : WorkerState.CONNECTING, e.getMessage());
                log.accept(e.getMessage() + "; retrying in " + wait.toSeconds() + "s");
                if (closed.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
        }
        return false;
    }

    private synchronized boolean install(WorkerService connected) {
        if (closed.getCount() == 0) {
            connected.close();
            return false;
        }
        worker = connected;
        return true;
    }

    /** The data plane once the sink is connected; null before. */
    public WorkerService service() {
        return worker;
    }

    /** What GET /status answers. */
    public WorkerStatus status() {
        WorkerService w = worker;
        return w == null ? notReady : w.status();
    }

    public int port() {
        return server.port();
    }

    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops sending, flushes and closes the sink, and stops serving. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        if (worker != null) {
            worker.close();
        }
        server.close();
    }
}
