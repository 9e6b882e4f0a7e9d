package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.GeneratorType;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Reads a generator name as the profile's generator.type takes it; a wrong one lists the right ones. */
final class GeneratorTypeConverter implements CommandLine.ITypeConverter<GeneratorType> {

    @Override
    public GeneratorType convert(String value) {
        return GeneratorType.byId(value).orElseThrow(() -> new CommandLine.TypeConversionException("\"" + value
                + "\" is not one of " + Arrays.stream(GeneratorType.values()).map(GeneratorType::id).collect(Collectors.joining(", "))));
    }
}
