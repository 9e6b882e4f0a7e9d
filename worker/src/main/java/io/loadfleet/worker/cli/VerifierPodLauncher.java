package io.loadfleet.worker.cli;

import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.secret.UnreadableSecretException;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.verify.VerifierPod;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine;

/**
 * {@code verify --live}: a verifier pod's process, as a worker pod's is run (its mounted configuration and
 * Secrets, its API up at once, the broker retried until it answers), until it is stopped.
 */
final class VerifierPodLauncher {
    /** A broker that is not up yet is normal in a cluster: stay unready and keep trying. */
    private static final Duration RETRY = Duration.ofSeconds(5);

    private VerifierPodLauncher() {}

    /** @return the exit code: 0 once stopped, 2 for bad input (one line on {@code err}) */
    static int run(PodOptions pod, SinkOptions sinkOptions, String subscription, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        WorkerConfig config;
        SinkTarget target;
        InetSocketAddress address;
        try {
            config = pod.readConfig();
            if (config.sink() == null || config.sink().kinds().isEmpty()) {
                return CliErrors.usage(err, "--config " + pod.config + ": needs sink.kafka or sink.pulsar");
            }
            if (config.sink().filesOnly()) {
                return CliErrors.usage(
                        err, "--config " + pod.config + ": verify reads a broker's topic; this sink is sink.file");
            }
            target = sinkOptions.target(config.sink());
            address = pod.address();
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        if (target.address() == null) {
            return CliErrors.usage(err, "--config " + pod.config + ": " + target.missingAddress());
        }
        VerifierPod verifier;
        try {
            verifier = new VerifierPod(config, target, sinkOptions.generatorInputs(), subscription, address);
        } catch (IOException e) {
            return CliErrors.usage(
                    err,
                    "--port " + pod.port + ", --bind-address " + pod.bindAddress + ": cannot serve there: "
                            + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(verifier::close, "verifier-shutdown"));
        out.println("verifier API on :" + verifier.port() + "; connecting to " + target.describe());
        out.flush();
        try {
            if (!verifier.connect(RETRY, problem -> {
                err.println(problem);
                err.flush();
            })) {
                return CommandLine.ExitCode.OK;
            }
        } catch (InvalidSinkSettingException | UnreadableSecretException e) {
            verifier.close();
            return CliErrors.usage(err, "--config " + pod.config + ": " + e.getMessage());
        }
        out.println("ready: idle until the operator assigns partitions");
        out.flush();
        verifier.awaitClosed();
        return CommandLine.ExitCode.OK;
    }
}
