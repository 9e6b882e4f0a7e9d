package io.loadfleet.worker.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.worker.control.WorkerPod;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.secret.UnreadableSecretException;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "/etc/loadfleet/worker.yaml",
            description = "Static configuration mounted from the fleet's ConfigMap (default ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Control API port (default ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--bind-address",
            paramLabel = "ADDRESS",
            defaultValue = "${env:LOADFLEET_BIND_ADDRESS:-0.0.0.0}",
            description =
                    "Address the control API listens on: all of the pod's by default; the pod's own where pods share "
                            + "a network namespace, as in the local test cluster (default ${DEFAULT-VALUE}, env LOADFLEET_BIND_ADDRESS)")
    String bindAddress;

    @CommandLine.Mixin
    SinkOptions sinkOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        WorkerConfig workerConfig;
        try {
            workerConfig = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(config.toFile(), WorkerConfig.class);
        } catch (IOException e) {
            return CliErrors.usage(
                    err,
                    "--config " + config + ": not a readable worker configuration: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
        if (workerConfig.sink() == null
                || workerConfig.sink().kinds().size() != 1
                || workerConfig.generator() == null
                || workerConfig.generator().getType() == null) {
            return CliErrors.usage(
                    err,
                    "--config " + config
                            + ": needs profile, generator.type and exactly one of sink.kafka, sink.pulsar or sink.file");
        }
        SinkTarget target;
        try {
            target = sinkOptions.target(workerConfig.sink());
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        if (!target.isFile() && target.address() == null) {
            return CliErrors.usage(err, "--config " + config + ": " + target.missingAddress());
        }
        WorkerPod pod = new WorkerPod(
                workerConfig,
                target,
                sinkOptions.generatorInputs(),
                "loadfleet-" + workerConfig.profile(),
                new InetSocketAddress(bindAddress, port));
        Runtime.getRuntime().addShutdownHook(new Thread(pod::close, "worker-shutdown"));
        PrintWriter out = command.commandLine().getOut();
        out.println("control API on :" + pod.port() + "; connecting to " + target.describe());
        out.flush();
        try {
            if (!pod.connect(RETRY, problem -> {
                err.println(problem);
                err.flush();
            })) {
                return CommandLine.ExitCode.OK;
            }
        } catch (InvalidSinkSettingException | UnreadableSecretException e) {
            pod.close();
            return CliErrors.usage(err, "--config " + config + ": " + e.getMessage());
        }
        out.println("ready: idle until the operator assigns a shard");
        out.flush();
        pod.awaitClosed();
        return CommandLine.ExitCode.OK;
    }
}
