package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.Generators;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code loadfleet schema GENERATOR|PROFILE}: the Avro schema a generator writes. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Print the Avro schema (.avsc) of a generator, or of a profile's generator.")
final class SchemaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = ShapeArgument.LABEL, description = ShapeArgument.DESCRIPTION)
    String generator;

    @CommandLine.Mixin
    ShapeArgument.Inputs inputs;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        ShapeArgument.Resolved resolved =
                ShapeArgument.resolve(generator, 1, inputs.configMapsDir, inputs.secretsDir, err);
        Schema schema = resolved == null ? null : resolved.schema(err);
        if (schema == null) {
            return CommandLine.ExitCode.USAGE;
        }
        // a built-in's shipped .avsc, as written (with its docs); a profile's schema as Avro prints it
        command.commandLine()
                .getOut()
                .println(GeneratorType.byId(generator)
                        .filter(GeneratorType::builtIn)
                        .map(Generators::schemaJson)
                        .orElseGet(() -> schema.toString(true)));
        command.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
