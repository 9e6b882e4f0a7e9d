package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The options run and worker share keep each command's own help and connect timeout. */
class SinkOptionsTest {
    private static final List<String> SHARED =
            List.of("--bootstrap-servers", "--service-url", "--connect-timeout", "--secrets-dir", "--config-maps-dir");

    private static CommandSpec command(String name) {
        return new CommandLine(new Loadfleet()).getSubcommands().get(name).getCommandSpec();
    }

    private static String help(String command, String option) {
        return String.join(" ", command(command).findOption(option).description());
    }

    @Test
    void runWordsThemForAProfile() {
        assertEquals("Kafka to send to, replacing sink.kafka.bootstrapServers", help("run", "--bootstrap-servers"));
        assertEquals("Pulsar to send to, replacing sink.pulsar.serviceUrl", help("run", "--service-url"));
        assertEquals(
                "Give up when the broker has not answered within this (default 30s)", help("run", "--connect-timeout"));
        assertEquals(
                "Where the Secret keys the sink names are read from, as DIR/SECRET/KEY files "
                        + "(default /var/run/secrets/loadfleet, where pods mount them)",
                help("run", "--secrets-dir"));
        assertEquals(
                "Where the ConfigMap keys the generator names are read from, as DIR/NAME/KEY files "
                        + "(default /etc/loadfleet/configmaps, where pods mount them)",
                help("run", "--config-maps-dir"));
    }

    @Test
    void workerWordsThemForAPod() {
        assertEquals("Kafka to send to, replacing the config's", help("worker", "--bootstrap-servers"));
        assertEquals("Pulsar to send to, replacing the config's", help("worker", "--service-url"));
        assertEquals(
                "How long one attempt to reach the broker may take before the pod reports it and tries again "
                        + "(default 10s)",
                help("worker", "--connect-timeout"));
        assertEquals(
                "Where the Secret keys the sink names are mounted, as DIR/SECRET/KEY files "
                        + "(default /var/run/secrets/loadfleet)",
                help("worker", "--secrets-dir"));
        assertEquals(
                "Where the ConfigMap keys the generator names are mounted, as DIR/NAME/KEY files "
                        + "(default /etc/loadfleet/configmaps)",
                help("worker", "--config-maps-dir"));
    }

    @Test
    void eachCommandHasItsOwnConnectTimeoutByDefault() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("profile.yaml");
        assertEquals(Duration.ofSeconds(30), run.sinkOptions.connectTimeout);
        WorkerCommand worker = new WorkerCommand();
        new CommandLine(worker).parseArgs();
        assertEquals(Duration.ofSeconds(10), worker.sinkOptions.connectTimeout);
    }

    @Test
    void bothCommandsHaveEverySharedOption() {
        for (String option : SHARED) {
            assertEquals(option, command("run").findOption(option).longestName());
            assertEquals(option, command("worker").findOption(option).longestName());
        }
    }
}
