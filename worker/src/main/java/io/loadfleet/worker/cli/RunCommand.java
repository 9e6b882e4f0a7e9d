package io.loadfleet.worker.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.load.Problem;
import io.loadfleet.api.load.ProfileLoader;
import io.loadfleet.api.load.ProfileValidator;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import io.loadfleet.worker.engine.LocalRun;
import io.loadfleet.worker.engine.RatePrecision;
import io.loadfleet.worker.engine.RunSummary;
import io.loadfleet.worker.generate.GeneratorInputException;
import io.loadfleet.worker.generate.GeneratorInputs;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.report.HtmlReport;
import io.loadfleet.worker.report.ReportSettings;
import io.loadfleet.worker.report.RunReport;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.NullSink;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SinkException;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.secret.UnreadableSecretException;
import io.loadfleet.worker.sink.SinkTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loadfleet run}: every shard of a profile in this process. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every shard of a LoadProfile in this process.",
            "Kafka: with no bootstrap servers in the profile or on the command line, an embedded broker is started.",
            "Pulsar: the broker is sink.pulsar.serviceUrl or --service-url.",
            "Files (sink.file): written to sink.file.path, one file set per shard.",
            "--summary and --report are written when the run ends, also after Ctrl-C.",
            "Exit code: 0 all sent records were acked, 1 sends failed, 2 bad input."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = "PROFILE", description = "LoadProfile YAML or JSON file")
    Path profileFile;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Run this long (e.g. 30s, 5m), replacing spec.duration")
    String duration;

    @Option(names = "--rate", paramLabel = "N", description = "Fleet rate in msg/s, replacing spec.targetRate")
    Long rate;

    @Option(names = "--replicas", paramLabel = "N", description = "Run N shards, replacing spec.replicas")
    Integer replicas;

    @Option(names = "--max-rate", description = "Send as fast as possible, ignoring rates and stages (benchmark)")
    boolean maxRate;

    @Option(names = "--sink-null", description = "Discard records: measures generation and encoding alone")
    boolean sinkNull;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to send to, replacing sink.kafka.bootstrapServers")
    String bootstrapServers;

    @Option(names = "--service-url", paramLabel = "pulsar://HOST:PORT", description = "Pulsar to send to, replacing sink.pulsar.serviceUrl")
    String serviceUrl;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = PositiveDurationConverter.class,
            description = "Give up when the broker has not answered within this (default ${DEFAULT-VALUE})")
    java.time.Duration connectTimeout;

    @Option(names = "--secrets-dir", paramLabel = "DIR", defaultValue = SecretFile.POD_DIR,
            description = "Where the Secret keys the sink names are read from, as DIR/SECRET/KEY files (default ${DEFAULT-VALUE}, where pods mount them)")
    Path secretsDir;

    @Option(names = "--config-maps-dir", paramLabel = "DIR", defaultValue = ConfigMapKeyRef.POD_DIR,
            description = "Where the ConfigMap keys the generator names are read from, as DIR/NAME/KEY files (default ${DEFAULT-VALUE}, where pods mount them)")
    Path configMapsDir;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Write the run's summary as JSON")
    Path summaryFile;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Write a self-contained HTML report: rate, latency and schedule delay per second, shards, settings")
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
            target = SinkTarget.of(profile.getSpec().getSink(), bootstrapServers, serviceUrl);
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        target = target.withConnectTimeout(connectTimeout).withSecretsDir(secretsDir);
        if (!sinkNull && target.isPulsar() && target.address() == null) {
            return CliErrors.usage(err, profileFile + ": " + target.missingAddress());
        }
        if (!sinkNull && target.isSecured() && target.address() == null) {
            return CliErrors.usage(err, profileFile + ": sink.kafka.security needs sink.kafka.bootstrapServers or "
                    + "--bootstrap-servers HOST:PORT: the embedded broker speaks PLAINTEXT only");
        }
        RecordShape shape;
        try {
            shape = Generators.shape(profile.getSpec().getGenerator(), new GeneratorInputs(configMapsDir, new SecretFiles(secretsDir)));
        } catch (GeneratorInputException | UnreadableSecretException e) {
            return CliErrors.usage(err, profileFile + ": " + e.getMessage());
        }
        Optional<String> unwritable = reportFile == null ? Optional.empty() : HtmlReport.unwritable(reportFile);
        if (unwritable.isPresent()) {
            return CliErrors.usage(err, "--report: " + unwritable.get());
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EmbeddedKafka embedded = null;
        // Ctrl-C stops the shards; the hook then waits until the summary is out and the broker is gone.
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<LocalRun> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            LocalRun fleet = running.get();
            if (fleet != null) {
                fleet.stop();
            }
            await(finished);
        }, "loadfleet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RecordSink sink;
            String sinkName;
            if (sinkNull) {
                sink = new NullSink();
                sinkName = "null";
            } else {
                if (target.isKafka() && target.address() == null) {
                    out.println("no bootstrap servers given: starting an embedded Kafka broker for this run");
                    embedded = EmbeddedKafka.start();
                    target = target.at(embedded.bootstrapServers());
                }
                out.println((target.isFile() ? "writing to " : "connecting to ") + target.describe());
                sink = target.open("loadfleet-" + profile.getMetadata().getName(), profile.getSpec().effectiveFormat(),
                        shape.schema());
                sinkName = target.describe();
            }
            RunSummary summary;
            LocalRun fleet = new LocalRun(profile, shape, maxRate, sink, sinkName, Clock.SYSTEM, out);
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (sink) {
                running.set(fleet);
                summary = fleet.run();
            }
            printSummary(summary, out);
            if (summaryFile != null) {
                writeSummary(summary);
            }
            if (reportFile != null) {
                HtmlReport.write(reportFile, new RunReport(started.toString(), summary, ReportSettings.of(profile),
                        fleet.timeline().seconds()));
                out.println("report: " + reportFile);
            }
            return summary.clean() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } catch (InvalidSinkSettingException | UnreadableSecretException e) {
            return CliErrors.usage(err, profileFile + ": " + e.getMessage());
        } catch (SinkException e) {
            err.println("cannot start the run: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            finished.countDown();
            removeHook(hook);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and has been released by the latch
        }
    }

    /** Applies --duration and --rate, then validates again so an override cannot bypass the rules. */
    private boolean applyOverrides(LoadProfile profile, PrintWriter err) {
        List<String> used = new ArrayList<>();
        if (duration != null) {
            profile.getSpec().setDuration(duration);
            used.add("--duration " + duration);
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

    private static void printSummary(RunSummary s, PrintStream out) {
        out.printf(Locale.ROOT, "summary: %s → %s: %,d sent, %,d acked, %,d errors in %.1f s = %.1f msg/s acked (target %s)%n",
                s.setup().profile(), s.setup().sink(), s.counters().sent(), s.counters().acked(),
                s.counters().errors(), s.totals().durationSeconds(), s.totals().achievedRate(),
                s.setup().maxRate() ? "max" : s.setup().targetRate() + "/s");
        out.printf(Locale.ROOT, "publish latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f   "
                        + "schedule delay ms: p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                s.publishLatencyMs().p50(), s.publishLatencyMs().p99(), s.publishLatencyMs().p999(), s.publishLatencyMs().max(),
                s.scheduleDelayMs().p50(), s.scheduleDelayMs().p99(), s.scheduleDelayMs().p999(), s.scheduleDelayMs().max());
        if (s.ratePrecision() != null) {
            RatePrecision p = s.ratePrecision();
            out.printf(Locale.ROOT, "rate precision: %d of %d 1-s intervals sent within ±1 %% of target (worst %+.2f %%)%n",
                    p.withinOnePercent(), p.intervals(), p.worstPercent());
        }
        if (s.lastError() != null) {
            out.println("last error: " + s.lastError());
        }
    }

    private void writeSummary(RunSummary summary) throws IOException {
        Path parent = summaryFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ProfileLoader.json().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryFile.toFile(), summary);
    }
}
