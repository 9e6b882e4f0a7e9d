package io.loadfleet.worker.cli;

import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.worker.control.WorkerPod;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.secret.UnreadableSecretException;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loadfleet worker}: the pod entry point, driven by the operator over HTTP. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        resourceBundle = "io.loadfleet.worker.cli.WorkerCommand",
        description = {
            "Run as a fleet pod: serve the control API, connect the sink, and send what the operator assigns.",
            "Idles (connected, sending nothing) until an assignment arrives."
        })
final class WorkerCommand implements Callable<Integer> {
    /** A broker that is not up yet is normal in a cluster: stay unready and keep trying. */
    private static final Duration RETRY = Duration.ofSeconds(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @CommandLine.Mixin
    PodOptions pod;

    @CommandLine.Mixin
    SinkOptions sinkOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        WorkerConfig workerConfig;
        try {
            workerConfig = pod.readConfig();
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        if (workerConfig.sink() == null
                || workerConfig.sink().kinds().isEmpty()
                || workerConfig.generator() == null
                || workerConfig.generator().getType() == null) {
            return CliErrors.usage(
                    err,
                    "--config " + pod.config
                            + ": needs profile, generator.type and one or more of sink.kafka, sink.pulsar and sink.file");
        }
        SinkTarget target;
        try {
            target = sinkOptions.target(workerConfig.sink());
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        if (target.missingAddress() != null) {
            return CliErrors.usage(err, "--config " + pod.config + ": " + target.missingAddress());
        }
        InetSocketAddress address;
        try {
            address = pod.address();
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        WorkerPod worker = new WorkerPod(
                workerConfig, target, sinkOptions.generatorInputs(), "loadfleet-" + workerConfig.profile(), address);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "worker-shutdown"));
        PrintWriter out = command.commandLine().getOut();
        out.println("control API on :" + worker.port() + "; connecting to " + target.describe());
        out.flush();
        try {
            if (!worker.connect(RETRY, problem -> {
                err.println(problem);
                err.flush();
            })) {
                return CommandLine.ExitCode.OK;
            }
        } catch (InvalidSinkSettingException | UnreadableSecretException e) {
            worker.close();
            return CliErrors.usage(err, "--config " + pod.config + ": " + e.getMessage());
        }
        out.println("ready: idle until the operator assigns a shard");
        out.flush();
        worker.awaitClosed();
        return CommandLine.ExitCode.OK;
    }
}
