package io.loadfleet.worker.engine;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.report.HtmlReport;
import io.loadfleet.worker.report.ReportSettings;
import io.loadfleet.worker.sink.NullSink;
import io.loadfleet.worker.sink.RecordSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code loadfleet run} around its {@link LocalRun}: an embedded Kafka broker when the sink names
 * none, the sink opened and closed, Ctrl-C turned into a stop that still ends the run properly, and
 * the summary printed and written (and the HTML report) when the run ends.
 *
 * @param target      where the records go; null discards them ({@code --sink-null})
 * @param summaryFile where the summary's JSON goes; null for none
 * @param reportFile  where the HTML report goes (checked writable beforehand); null for none
 * @param out         the console: what the run does and its summary
 * @param verification checks the records from the other end while the run sends; null for none
 */
public record LocalRunSession(
        LoadProfile profile,
        RecordShape shape,
        boolean maxRate,
        SinkTarget target,
        Path summaryFile,
        Path reportFile,
        PrintStream out,
        RunVerification verification) {

    /**
     * Runs until the profile's duration has passed or Ctrl-C.
     *
     * @throws io.loadfleet.worker.sink.SinkException when the sink cannot be set up (an
     *                                                {@code InvalidSinkSettingException} when its settings never work)
     */
    public RunSummary run() throws InterruptedException, IOException {
        EmbeddedKafka embedded = null;
        // Ctrl-C stops the shards; the hook then waits until the summary is out and the broker is gone.
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<LocalRun> running = new AtomicReference<>();
        Thread hook = new Thread(
                () -> {
                    LocalRun run = running.get();
                    if (run != null) {
                        run.stop();
                    }
                    await(finished);
                },
                "loadfleet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RecordSink sink;
            String sinkName;
            SinkTarget opened = null;
            if (target == null) {
                sink = new NullSink();
                sinkName = "null";
            } else {
                SinkTarget to = target;
                if (to.needsKafkaBroker()) {
                    out.println("no bootstrap servers given: starting an embedded Kafka broker for this run");
                    embedded = EmbeddedKafka.start();
                    to = to.withKafkaAt(embedded.bootstrapServers());
                }
                out.println((to.isFile() ? "writing to " : "connecting to ") + to.describe());
                sink = to.open(
                        "loadfleet-" + profile.getMetadata().getName(),
                        profile.getSpec().effectiveFormat(),
                        shape.schema());
                sinkName = to.describe();
                opened = to;
            }
            RunSummary summary;
            LocalRun run = new LocalRun(profile, shape, maxRate, sink, sinkName, Clock.SYSTEM, out);
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (sink) {
                if (verification != null) {
                    verification.start(opened);
                }
                running.set(run);
                summary = run.run();
                if (verification != null) {
                    summary = verification.finish(summary);
                }
            }
            printSummary(summary);
            if (summaryFile != null) {
                writeSummary(summary);
            }
            if (reportFile != null) {
                HtmlReport.write(
                        reportFile,
                        new RunReport(
                                started.toString(),
                                summary,
                                ReportSettings.of(profile),
                                run.timeline().seconds(),
                                verification == null ? List.of() : verification.endToEnd()));
                out.println("report: " + reportFile);
            }
            return summary;
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

    private void printSummary(RunSummary s) {
        out.printf(
                Locale.ROOT,
                "summary: %s → %s: %,d sent, %,d acked, %,d errors in %.1f s = %.1f msg/s acked (target %s)%n",
                s.setup().profile(),
                s.setup().sink(),
                s.counters().sent(),
                s.counters().acked(),
                s.counters().errors(),
                s.totals().durationSeconds(),
                s.totals().achievedRate(),
                s.setup().maxRate() ? "max" : s.setup().targetRate() + "/s");
        if (s.sinks().size() > 1) {
            for (RunSummary.SinkTotals sink : s.sinks()) {
                out.printf(
                        Locale.ROOT,
                        "  sink.%s: %,d sent, %,d acked, %,d errors, publish latency ms p99 %.2f%s%n",
                        sink.type(),
                        sink.counters().sent(),
                        sink.counters().acked(),
                        sink.counters().errors(),
                        sink.publishLatencyMs().p99(),
                        sink.counters().lastError() == null
                                ? ""
                                : "; last error: " + sink.counters().lastError());
            }
        }
        out.printf(
                Locale.ROOT,
                "publish latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f   "
                        + "schedule delay ms: p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                s.publishLatencyMs().p50(),
                s.publishLatencyMs().p99(),
                s.publishLatencyMs().p999(),
                s.publishLatencyMs().max(),
                s.scheduleDelayMs().p50(),
                s.scheduleDelayMs().p99(),
                s.scheduleDelayMs().p999(),
                s.scheduleDelayMs().max());
        if (s.ratePrecision() != null) {
            RatePrecision p = s.ratePrecision();
            out.printf(
                    Locale.ROOT,
                    "rate precision: %d of %d 1-s intervals sent within ±1 %% of target (worst %+.2f %%)%n",
                    p.withinOnePercent(),
                    p.intervals(),
                    p.worstPercent());
        }
        if (s.lastError() != null) {
            out.println("last error: " + s.lastError());
        }
        if (s.injected() != null) {
            out.printf(
                    Locale.ROOT,
                    "injected (spec.faults): %,d duplicates, %,d out of order, %,d late%n",
                    s.injected().duplicates(),
                    s.injected().outOfOrder(),
                    s.injected().late());
        }
        VerifyStatus v = s.verify();
        if (v != null) {
            out.printf(
                    Locale.ROOT,
                    "verify: %,d records, %,d lost, %,d duplicates, %,d out of order, %,d foreign, %,d undecodable;"
                            + " end-to-end ms p50 %.1f p99 %.1f max %.1f: %s%n",
                    v.records(),
                    v.lost(),
                    v.duplicates(),
                    v.outOfOrder(),
                    v.foreign(),
                    v.undecodable(),
                    v.e2eLatencyMs().p50(),
                    v.e2eLatencyMs().p99(),
                    v.e2eLatencyMs().max(),
                    v.clean() ? "CLEAN" : "RECORDS LOST OR DUPLICATED");
            if (v.injected() != null) {
                out.printf(
                        Locale.ROOT,
                        "verify: injected, counted apart: %,d duplicates, %,d out of order, %,d late%n",
                        v.injected().duplicates(),
                        v.injected().outOfOrder(),
                        v.injected().late());
            }
            v.firstMissing()
                    .forEach(m -> out.println(
                            "  missing: shard " + m.shard() + " epoch " + m.epoch() + " sequences " + m.sequences()));
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
