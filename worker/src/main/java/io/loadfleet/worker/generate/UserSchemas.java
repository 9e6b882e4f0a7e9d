package io.loadfleet.worker.generate;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.schema.RuledSchema;
import io.loadfleet.api.spec.AvroSchemaSpec;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the avro-schema generator's schema, inline or from its ConfigMap key, and checks its rules. */
final class UserSchemas {
    private static final String AT = "spec.generator.avroSchema";

    private UserSchemas() {}

    static RuledSchema read(AvroSchemaSpec spec, GeneratorInputs inputs) {
        String text = spec.getSchema();
        String at = AT + ".schema";
        if (text == null) {
            Path file = inputs.configMapFile(spec.getConfigMapRef());
            at = AT + ".configMapRef (" + spec.getConfigMapRef() + ")";
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new GeneratorInputException(
                        AT + ".configMapRef: no readable file " + file + " for "
                                + spec.getConfigMapRef() + ": a pod gets the schema from the operator; locally, give "
                                + "--config-maps-dir DIR holding DIR/"
                                + spec.getConfigMapRef().getName() + "/"
                                + spec.getConfigMapRef().getKey(),
                        e);
            }
        }
        List<Problem> problems = new ArrayList<>();
        RuledSchema schema = RuledSchema.parse(text, at, problems);
        if (schema == null) {
            throw new GeneratorInputException(
                    problems.stream().map(Problem::toString).collect(Collectors.joining("; ")), null);
        }
        return schema;
    }
}
