package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.Generators;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code loadfleet schema GENERATOR}: the Avro schema a generator writes. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Print a generator's Avro schema (.avsc).")
final class SchemaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = "GENERATOR", description = "smart-meter | iot-sensor | transaction | gaming-bet | temperature")
    String generator;

    @Override
    public Integer call() {
        return GeneratorType.byId(generator).map(type -> {
            command.commandLine().getOut().println(Generators.schemaJson(type));
            command.commandLine().getOut().flush();
            return CommandLine.ExitCode.OK;
        }).orElseGet(() -> {
            command.commandLine().getErr().println("GENERATOR: \"" + generator + "\" is not one of "
                    + Arrays.stream(GeneratorType.values()).map(GeneratorType::id).collect(Collectors.joining(", ")));
            command.commandLine().getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
    }
}
