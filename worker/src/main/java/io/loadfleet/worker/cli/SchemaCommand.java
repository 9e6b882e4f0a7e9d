package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.Generators;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code loadfleet schema GENERATOR}: the Avro schema a generator writes. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Print a generator's Avro schema (.avsc).")
final class SchemaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = "GENERATOR", converter = GeneratorTypeConverter.class,
            description = "smart-meter | iot-sensor | transaction | gaming-bet | temperature")
    GeneratorType generator;

    @Override
    public Integer call() {
        command.commandLine().getOut().println(Generators.schemaJson(generator));
        command.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
