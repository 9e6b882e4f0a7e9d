package io.loadfleet.worker.cli;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.schema.CsvColumns;
import io.loadfleet.api.validation.ProfileValidator;
import io.loadfleet.worker.engine.LocalRunSession;
import io.loadfleet.worker.engine.RunSummary;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.report.HtmlReport;
import io.loadfleet.worker.secret.UnreadableSecretException;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.SinkException;
import io.loadfleet.worker.verify.LiveRunVerification;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loadfleet run}: every shard of a profile in this process. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        resourceBundle = "io.loadfleet.worker.cli.RunCommand",
        description = {
            "Run every shard of a LoadProfile in this process.",
            "Kafka: with no bootstrap servers in the profile or on the command line, an embedded broker is started.",
            "Pulsar: the broker is sink.pulsar.serviceUrl or --service-url.",
            "Files (sink.file): written to sink.file.path, one file set per shard.",
            "--summary and --report are written when the run ends, also after Ctrl-C.",
            "Exit code: 0 all sent records were acked, 1 sends failed, 2 bad input."
        })
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = "PROFILE", description = "LoadProfile YAML or JSON file")
    Path profileFile;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "Run this long (e.g. 30s, 5m), replacing spec.duration")
    String duration;

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "Stop after exactly N records for the whole fleet, replacing spec.count")
    Long count;

    @Option(names = "--rate", paramLabel = "N", description = "Fleet rate in msg/s, replacing spec.targetRate")
    Long rate;

    @Option(names = "--replicas", paramLabel = "N", description = "Run N shards, replacing spec.replicas")
    Integer replicas;

    @Option(names = "--max-rate", description = "Send as fast as possible, ignoring rates and stages (benchmark)")
    boolean maxRate;

    @Option(names = "--sink-null", description = "Discard records: measures generation and encoding alone")
    boolean sinkNull;

    @Option(
            names = "--verify",
            description = "Consume the topic while the run sends and prove every acknowledged record "
                    + "arrived exactly once; exit 1 when one was lost or duplicated")
    boolean verify;

    @Option(
            names = "--verify-grace",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = PositiveDurationConverter.class,
            description = "With --verify: how long after the last send an acknowledged record may take to be "
                    + "consumed before it counts as lost (default ${DEFAULT-VALUE})")
    Duration verifyGrace;

    @CommandLine.Mixin
    SinkOptions sinkOptions;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Write the run's summary as JSON")
    Path summaryFile;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description =
                    "Write a self-contained HTML report: rate, latency and schedule delay per second, shards, settings")
    Path reportFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        LoadProfile profile = ProfileArgument.load(profileFile, err);
        if (profile == null || !applyOverrides(profile, err)) {
            return CommandLine.ExitCode.USAGE;
        }
        SinkTarget target;
        try {
            target = sinkOptions.target(profile.getSpec().getSink());
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        if (verify && (sinkNull || target.isFile())) {
            return CliErrors.usage(
                    err,
                    "--verify: live verify reads a broker's topic; "
                            + (sinkNull ? "--sink-null sends nothing" : "this profile writes files (sink.file)"));
        }
        if (!sinkNull && target.spec().getPulsar() != null && target.pulsarAddress() == null) {
            return CliErrors.usage(err, profileFile + ": " + target.missingAddress());
        }
        if (!sinkNull && target.isSecured() && target.kafkaAddress() == null) {
            return CliErrors.usage(
                    err,
                    profileFile + ": sink.kafka.security needs sink.kafka.bootstrapServers or "
                            + "--bootstrap-servers HOST:PORT: the embedded broker speaks PLAINTEXT only");
        }
        RecordShape shape;
        try {
            shape = Generators.shape(profile.getSpec().getGenerator(), sinkOptions.generatorInputs());
        } catch (GeneratorInputException | UnreadableSecretException e) {
            return CliErrors.usage(err, profileFile + ": " + e.getMessage());
        }
        // an inline schema was checked with the profile; one from --config-maps-dir is first seen here
        Optional<Problem> csv = sinkNull ? Optional.empty() : CsvColumns.refusal(target.spec(), shape.schema());
        if (csv.isPresent()) {
            return CliErrors.usage(err, profileFile + ": " + csv.get());
        }
        Optional<String> unwritable = reportFile == null ? Optional.empty() : HtmlReport.unwritable(reportFile);
        if (unwritable.isPresent()) {
            return CliErrors.usage(err, "--report: " + unwritable.get());
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            RunSummary summary = new LocalRunSession(
                            profile,
                            shape,
                            maxRate,
                            sinkNull ? null : target,
                            summaryFile,
                            reportFile,
                            out,
                            verify
                                    ? new LiveRunVerification(
                                            profile.getMetadata().getName(),
                                            profile.getSpec().effectiveFormat(),
                                            shape.schema(),
                                            verifyGrace)
                                    : null)
                    .run();
            return summary.clean() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } catch (InvalidSinkSettingException | UnreadableSecretException e) {
            return CliErrors.usage(err, profileFile + ": " + e.getMessage());
        } catch (SinkException e) {
            err.println("cannot start the run: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** Applies --duration, --count, --rate and --replicas, then validates again so an override cannot bypass the rules. */
    private boolean applyOverrides(LoadProfile profile, PrintWriter err) {
        List<String> used = new ArrayList<>();
        if (duration != null) {
            profile.getSpec().setDuration(duration);
            used.add("--duration " + duration);
        }
        if (count != null) {
            profile.getSpec().setCount(count);
            used.add("--count " + count);
        }
        if (rate != null) {
            profile.getSpec().setTargetRate(rate);
            used.add("--rate " + rate);
        }
        if (replicas != null) {
            profile.getSpec().setReplicas(replicas);
            used.add("--replicas " + replicas);
        }
        if (used.isEmpty()) {
            return true;
        }
        List<Problem> problems = ProfileValidator.validate(profile.getSpec());
        if (!problems.isEmpty()) {
            ProfileArgument.report("with " + String.join(" ", used) + ":", problems, err);
            return false;
        }
        return true;
    }
}
