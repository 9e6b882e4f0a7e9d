package io.loadfleet.worker.cli;

import io.loadfleet.worker.embedded.EmbeddedKafka;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadfleet broker}: the embedded Kafka on its own, for consumers and benchmarks to share. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Run the embedded single-node Kafka broker (KRaft, loopback only) until stopped.",
            "Its data lives in a temporary directory that is deleted on exit."
        })
final class BrokerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description = "Client port on 127.0.0.1 (default 9092)")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            return CliErrors.usage(
                    command.commandLine().getErr(),
                    "--port: " + port + " is not a TCP port: use 1 to 65535, or 0 for any free port");
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kafka.close();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        command.commandLine()
                .getOut()
                .println("Kafka broker ready: bootstrap servers " + kafka.bootstrapServers()
                        + " (Ctrl-C stops it and deletes its data)");
        command.commandLine().getOut().flush();
        stopped.await();
        return CommandLine.ExitCode.OK;
    }
}
