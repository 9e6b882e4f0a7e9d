package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.GeneratorType;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Reads the name of a built-in generator, as the profile's generator.type takes it; a wrong one
 * lists the right ones. dataset and avro-schema are described by a profile, so they are not named here.
 */
final class GeneratorTypeConverter implements CommandLine.ITypeConverter<GeneratorType> {

    @Override
    public GeneratorType convert(String value) {
        return GeneratorType.byId(value)
                .filter(GeneratorType::builtIn)
                .orElseThrow(() -> new CommandLine.TypeConversionException("\"" + value + "\" is not one of "
                        + GeneratorType.builtIns().stream()
                                .map(GeneratorType::id)
                                .collect(Collectors.joining(", "))
                        + (GeneratorType.byId(value).isPresent()
                                ? " (" + value + " records are described by a profile's "
                                        + "spec.generator: run the profile)"
                                : "")));
    }
}
