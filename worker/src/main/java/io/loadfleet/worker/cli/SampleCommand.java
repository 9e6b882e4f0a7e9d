package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.records.GeneratedRecord;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loadfleet sample GENERATOR}: records as JSON lines, exactly as a run would send them to
 * the first devices, to look at, or to feed another tool the same data.
 */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description =
                "Print records of a generator, or of a profile's generator, as JSON lines (devices take turns, as in a run).")
final class SampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = ShapeArgument.LABEL, description = ShapeArgument.DESCRIPTION)
    String generator;

    @CommandLine.Mixin
    ShapeArgument.Inputs inputs;

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "10",
            description = "Records to print (default ${DEFAULT-VALUE})")
    long count;

    @Option(
            names = "--devices",
            paramLabel = "N",
            defaultValue = "100",
            description = "Device pool (default ${DEFAULT-VALUE})")
    long devices;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "generator.seed for a GENERATOR (default ${DEFAULT-VALUE}); a PROFILE's own seed wins")
    long seed;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        if (count < 0) {
            return CliErrors.usage(err, "--count: " + count + " is negative: use 0 or more");
        }
        if (devices < 1) {
            return CliErrors.usage(err, "--devices: " + devices + " is out of range: use 1 or more");
        }
        ShapeArgument.Resolved resolved =
                ShapeArgument.resolve(generator, seed, inputs.configMapsDir, inputs.secretsDir, err);
        RecordShape shape = resolved == null ? null : resolved.shape(err);
        if (shape == null) {
            return CommandLine.ExitCode.USAGE;
        }
        long now = System.currentTimeMillis();
        // a sample starts now: a dataset's shifted timestamps count from here, as a run's from its start
        RecordGenerator g = shape.create(new GeneratorSettings(resolved.seed(), 0, 0, devices, now));
        RecordEncoder json = Encoders.create(Format.JSON, g.schema());
        GeneratedRecord record = new GeneratedRecord(g.schema());
        PrintWriter out = command.commandLine().getOut();
        for (long seq = 0; seq < count; seq++) {
            g.fill(seq % devices, seq, now, record);
            out.println(new String(json.encode(record), StandardCharsets.UTF_8));
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }
}
