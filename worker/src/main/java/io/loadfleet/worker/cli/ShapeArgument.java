package io.loadfleet.worker.cli;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.secret.UnreadableSecretException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import picocli.CommandLine;

/**
 * The GENERATOR|PROFILE argument of {@code sample} and {@code schema}: a built-in generator's name,
 * or a LoadProfile file whose spec.generator (a dataset, the user's schema) is resolved as a run would.
 */
final class ShapeArgument {
    static final String LABEL = "GENERATOR|PROFILE";
    static final String DESCRIPTION = "smart-meter | iot-sensor | transaction | gaming-bet | temperature, "
            + "or a LoadProfile file (for dataset and avro-schema)";

    private ShapeArgument() {}

    /** The generator the argument names and the seed it gives (or {@code defaultSeed}); null after printing why not. */
    static Resolved resolve(String argument, long defaultSeed, Path configMapsDir, Path secretsDir, PrintWriter err) {
        GeneratorInputs inputs = new GeneratorInputs(configMapsDir, new SecretFiles(secretsDir));
        if (GeneratorType.byId(argument).filter(GeneratorType::builtIn).isPresent()
                || !Files.isRegularFile(Path.of(argument))) {
            GeneratorSpec spec = new GeneratorSpec();
            try {
                spec.setType(new GeneratorTypeConverter().convert(argument));
            } catch (CommandLine.TypeConversionException e) {
                CliErrors.usage(err, LABEL + ": " + e.getMessage() + ", or a LoadProfile file that exists");
                return null;
            }
            return new Resolved(argument, spec, defaultSeed, inputs);
        }
        LoadProfile profile = ProfileArgument.load(Path.of(argument), err);
        if (profile == null) {
            return null;
        }
        GeneratorSpec spec = profile.getSpec().getGenerator();
        return new Resolved(argument, spec, spec.getSeed() == null ? defaultSeed : spec.getSeed(), inputs);
    }

    /** A generator named on the command line, with where its inputs are. */
    record Resolved(String argument, GeneratorSpec spec, long seed, GeneratorInputs inputs) {

        /** Its shape (a dataset loaded); null after printing why it cannot be loaded. */
        RecordShape shape(PrintWriter err) {
            return load(() -> Generators.shape(spec, inputs), err);
        }

        /** Its schema alone (a dataset's from its columns, without loading it); null after printing why not. */
        Schema schema(PrintWriter err) {
            return load(() -> Generators.schema(spec, inputs), err);
        }

        private <T> T load(Supplier<T> loader, PrintWriter err) {
            try {
                return loader.get();
            } catch (GeneratorInputException | UnreadableSecretException e) {
                CliErrors.usage(err, argument + ": " + e.getMessage());
                return null;
            }
        }
    }

    /** Picocli options for where a profile's ConfigMap and Secret keys are read from. */
    static final class Inputs {
        @CommandLine.Option(
                names = "--config-maps-dir",
                paramLabel = "DIR",
                defaultValue = ConfigMapKeyRef.POD_DIR,
                description =
                        "With a PROFILE: where the ConfigMap keys its generator names are, as DIR/NAME/KEY (default ${DEFAULT-VALUE})")
        Path configMapsDir;

        @CommandLine.Option(
                names = "--secrets-dir",
                paramLabel = "DIR",
                defaultValue = io.loadfleet.api.spec.SecretFile.POD_DIR,
                description =
                        "With a PROFILE: where the Secret keys its generator names are, as DIR/SECRET/KEY (default ${DEFAULT-VALUE})")
        Path secretsDir;
    }
}
