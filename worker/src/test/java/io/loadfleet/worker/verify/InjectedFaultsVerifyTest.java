package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.BitmapCodec;
import io.loadfleet.api.control.StreamAcks;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.control.WorkerService;
import io.loadfleet.worker.engine.FaultDraws;
import io.loadfleet.worker.engine.FaultSettings;
import io.loadfleet.worker.engine.LocalRun;
import io.loadfleet.worker.engine.RunSummary;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordRandom;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.testing.ConsoleCapture;
import io.loadfleet.worker.testing.FaultySink;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.PulsarBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.RoaringBitmap;

/**
 * spec.faults end to end on a real Kafka and a real Pulsar: a run with every fault injected is verified, live and
 * read back after the fact, with each injected record counted as injected and no real loss, duplication or
 * disorder; real loss and copies of injected records are still caught; and a verifier pod reading a worker pod's
 * injected records reports them apart in its ledgers.
 */
@Timeout(300)
class InjectedFaultsVerifyTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    /** Every fault, a few dozen times each in a run of 6,000 records; late ones 500 ms late, within the run. */
    static final String FAULTS =
            "{duplicates: 0.01, outOfOrder: {fraction: 0.02, maxShift: 5s}, late: {fraction: 0.01, delay: 500ms}}";

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String profile(String broker, String topic) {
        String sink = broker.equals("kafka")
                ? "{kafka: {topic: " + topic + ", partitions: 3}}"
                : "{pulsar: {serviceUrl: \"" + pulsar.serviceUrl() + "\", adminUrl: \"" + pulsar.adminUrl()
                        + "\", topic: " + topic + ", partitions: 3}}";
        return """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: faulty}
                spec:
                  targetRate: 2000
                  replicas: 2
                  duration: 3s
                  devices: {count: 100}
                  generator: {type: smart-meter, seed: 11}
                  format: json
                  sink: %s
                  faults: %s
                """.formatted(sink, FAULTS);
    }

    static InjectedFaults injected(JsonNode node) {
        assertNotNull(node, "injected counts are there");
        return new InjectedFaults(
                node.get("duplicates").asLong(),
                node.get("outOfOrder").asLong(),
                node.get("late").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void everyInjectedRecordIsCountedAsInjectedAndNoneAsRealLossDuplicationOrDisorder(String broker) throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, profile(broker, "faults-" + broker));
        String[] brokerOption = broker.equals("kafka")
                ? new String[] {"--bootstrap-servers", kafka.bootstrapServers()}
                : new String[] {"--service-url", pulsar.serviceUrl()};
        Path runSummary = dir.resolve("run.json");
        Path verifySummary = dir.resolve("verify.json");
        try (ConsoleCapture console = new ConsoleCapture()) {
            assertEquals(
                    0,
                    Loadfleet.execute(
                            "run",
                            profile.toString(),
                            brokerOption[0],
                            brokerOption[1],
                            "--verify",
                            "--summary",
                            runSummary.toString()),
                    console.err());
            assertTrue(console.out().contains("injected (spec.faults): "), console.out());
            assertEquals(
                    0,
                    Loadfleet.execute(
                            "verify",
                            "--profile",
                            profile.toString(),
                            brokerOption[0],
                            brokerOption[1],
                            "--idle",
                            "2s",
                            "--summary",
                            verifySummary.toString()),
                    "read back, the topic verifies CLEAN: " + console.out() + console.err());
            assertTrue(console.out().contains("injected by spec.faults, counted apart"), console.out());
        }
        JsonNode run = JSON.readTree(runSummary.toFile());
        InjectedFaults sent = injected(run.get("injected"));
        assertTrue(sent.duplicates() > 0 && sent.outOfOrder() > 0 && sent.late() > 0, "every fault injected: " + sent);
        assertEquals(6000, run.get("sent").asLong(), "2,000 msg/s for 3 s: copies are not records sent");
        assertEquals(6000, run.get("acked").asLong());

        JsonNode live = run.get("verify");
        assertEquals(sent, injected(live.get("injected")), "live: " + live);
        JsonNode offline = JSON.readTree(verifySummary.toFile());
        assertEquals(sent, injected(offline.get("injected")), "read back: " + offline);
        for (JsonNode found : List.of(live, offline)) {
            assertEquals(0, found.get("lost").asLong(), found.toString());
            assertEquals(0, found.get("duplicates").asLong(), found.toString());
            assertEquals(0, found.get("outOfOrder").asLong(), found.toString());
            assertEquals(6000 + sent.duplicates(), found.get("records").asLong(), "each record, and each copy");
        }
        assertEquals(
                6000 + sent.duplicates() - sent.outOfOrder() - sent.late(),
                live.get("e2eLatencyMs").get("count").asLong(),
                "every latency but the shifted and the late records'");
        assertEquals(
                live.get("e2eLatencyMs").get("count").asLong(),
                offline.get("endToEndMs").get("count").asLong());
    }

    /** The first sequence in [from, to) of shard {@code shard} that draws {@code fault} (null: none). */
    static long first(FaultDraws draws, FaultDraws.Fault fault, long from, long to) {
        LongPredicate drawn = seq -> draws.fault(seq) == fault;
        return LongStream.range(from, to).filter(drawn).findFirst().orElseThrow();
    }

    @Test
    void realLossAndRealCopiesOfInjectedRecordsAreStillCaught() throws Exception {
        LoadProfile profile = ProfileLoader.parse(profile("kafka", "faults-and-real-faults"));
        FaultDraws draws = new FaultDraws(
                FaultSettings.of(profile.getSpec().getFaults()),
                profile.getSpec().getGenerator().effectiveSeed(),
                1);
        // shard 1 sends 0 to 2,999: pick records of each kind well within the run
        long copied = first(draws, FaultDraws.Fault.DUPLICATE, 100, 2500);
        long late = first(draws, FaultDraws.Fault.LATE, 100, 2000);
        long shifted = first(draws, FaultDraws.Fault.OUT_OF_ORDER, 100, 2500);
        long plain = first(draws, null, 100, 2500);
        RecordShape shape = Generators.shape(profile.getSpec().getGenerator(), null);
        SinkTarget target = SinkTarget.of(profile.getSpec().getSink(), kafka.bootstrapServers(), null);
        // dropped while reported acked: a late record and a plain one; sent twice: a record that gets an injected
        // copy (so are both it and its copy), and a shifted record
        FaultySink sink = new FaultySink(
                target.open("test", profile.getSpec().effectiveFormat(), shape.schema()),
                1,
                Set.of(late, plain),
                Set.of(copied, shifted));
        LiveRunVerification verification = new LiveRunVerification(
                "faulty", profile.getSpec().effectiveFormat(), shape.schema(), Duration.ofSeconds(10));
        verification.start(target);
        RunSummary summary;
        try (sink) {
            summary = new LocalRun(profile, shape, false, sink, "faulty", Clock.SYSTEM, null).run();
        }
        VerifyStatus found = verification.finish(summary).verify();

        assertEquals(2, found.lost(), found.toString());
        assertEquals(
                List.of(new VerifyStatus.MissingRecords(
                        "faulty", 1, LocalRun.LOCAL_EPOCH, List.of(Math.min(late, plain), Math.max(late, plain)))),
                found.firstMissing());
        assertEquals(3, found.duplicates(), "the record and its copy each twice, and the shifted record twice");
        assertEquals(0, found.outOfOrder());
        InjectedFaults sent = summary.injected();
        assertEquals(
                new InjectedFaults(sent.duplicates(), sent.outOfOrder(), sent.late() - 1),
                found.injected(),
                "each injected record once, but the late one dropped");
        assertEquals(summary.counters().acked() - 2 + sent.duplicates() + 3, found.records());
    }

    @Test
    void aVerifierPodReportsAWorkerPodsInjectedRecordsApart() throws Exception {
        LoadProfile profile = ProfileLoader.parse(profile("kafka", "faults-pods"));
        profile.getSpec().getSink().getKafka().setBootstrapServers(kafka.bootstrapServers());
        WorkerConfig config = WorkerConfig.of(profile);
        WorkerService worker = new WorkerService(
                config,
                Generators.shape(config.generator(), null),
                SinkTarget.of(config.sink(), null, null)
                        .open(
                                "worker",
                                config.format(),
                                Generators.schema(config.generator().getType())),
                Clock.SYSTEM);
        try (VerifierPodTest.Verifier verifier = new VerifierPodTest.Verifier(config).connected()) {
            verifier.assign(1, VerifierPodTest.EVERY_PARTITION_AT_ITS_END);
            // one pod of one: shard 0 at 2,000 msg/s for 3 s, epoch 1
            long start = System.currentTimeMillis() + 200;
            assertEquals(
                    ApplyOutcome.APPLIED,
                    worker.apply(
                            new Assignment(1, 0, 1, 2000, 0, 100, List.of(), start, start + 3000, false, null, null)));
            WorkerStatus done = awaitSettled(worker);
            // 6,000 unless the push came after the start: the pod then joins at once, and sends from then on
            long records = done.counters().sent();
            assertTrue(records > 4000, done.toString());
            assertEquals(
                    List.of(new StreamAcks(0, 1, 0, records - 1, List.of())),
                    done.streams(),
                    "every record settled once, none failed");
            InjectedFaults sent = worker.stats().injected();
            FaultDraws draws = new FaultDraws(
                    FaultSettings.of(config.faults()),
                    config.generator().effectiveSeed() ^ RecordRandom.mix(1), // epoch 1's draws
                    0);
            assertEquals(
                    new InjectedFaults(
                            count(draws, FaultDraws.Fault.DUPLICATE, records),
                            count(draws, FaultDraws.Fault.OUT_OF_ORDER, records),
                            count(draws, FaultDraws.Fault.LATE, records)),
                    sent,
                    "the records drawn, each injected");

            VerifierReport report = verifier.awaitRecords(records + sent.duplicates());
            assertEquals(1, report.streams().size());
            VerifierReport.StreamLedger ledger = report.streams().get(0);
            assertEquals(RoaringBitmap.bitmapOfRange(0, records), BitmapCodec.decode(ledger.seen()));
            assertEquals(
                    List.of(0L, 0L, sent.duplicates(), sent.outOfOrder(), sent.late()),
                    List.of(
                            ledger.duplicates(),
                            ledger.outOfOrder(),
                            ledger.injectedDuplicates(),
                            ledger.injectedOutOfOrder(),
                            ledger.injectedLate()));
            assertEquals(records + sent.duplicates(), report.records());
        } finally {
            worker.close();
        }
    }

    static long count(FaultDraws draws, FaultDraws.Fault fault, long records) {
        return LongStream.range(0, records)
                .filter(seq -> draws.fault(seq) == fault)
                .count();
    }

    /** The worker's status once its run has ended and every record it sent has settled; a bounded wait. */
    static WorkerStatus awaitSettled(WorkerService worker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        WorkerStatus status = worker.status();
        while (!(status.state() == WorkerState.FINISHED
                        && status.streams().size() == 1
                        && status.streams().get(0).through()
                                == status.counters().sent() - 1)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = worker.status();
        }
        return status;
    }
}
