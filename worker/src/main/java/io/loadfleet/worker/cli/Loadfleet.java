package io.loadfleet.worker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loadfleet} command line: run, plan, schema, sample, verify, worker and broker. */
@Command(
        name = "loadfleet",
        mixinStandardHelpOptions = true,
        versionProvider = Loadfleet.Version.class,
        description = "Realistic, precisely paced load for Kafka and Pulsar.",
        subcommands = {
            RunCommand.class,
            PlanCommand.class,
            SchemaCommand.class,
            SampleCommand.class,
            VerifyCommand.class,
            WorkerCommand.class,
            BrokerCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Loadfleet {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 failed sends, 2 bad input. */
    public static int execute(String... args) {
        return new CommandLine(new Loadfleet()).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Loadfleet.class.getPackage().getImplementationVersion();
            return new String[] {"loadfleet " + (v == null ? "development build" : v)};
        }
    }
}
