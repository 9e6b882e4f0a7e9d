package io.loadfleet.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.StreamAcks;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.NullSink;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.testing.FaultySink;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.PulsarBroker;
import io.loadfleet.worker.testing.WorkerConfigs;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a worker pod owes the verifiers: each of its runs' acked watermark in {@code GET /status},
 * against real brokers (Pulsar settles from its client's threads, Kafka from its producer's one).
 */
@Timeout(120)
class WorkerServiceStreamsTest {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static final PulsarBroker pulsar = new PulsarBroker();

    static final WorkerConfig CONFIG = WorkerConfigs.temperatureToKafka("worker-streams");

    /** Shard {@code shard} of 2 from now on, for {@code millis} or, when null, until the next epoch. */
    static Assignment sending(long epoch, int shard, long rate, Long millis) {
        return assignment(epoch, shard, rate, millis, false);
    }

    static Assignment paused(long epoch, int shard) {
        return assignment(epoch, shard, 0, null, true);
    }

    static Assignment assignment(long epoch, int shard, long rate, Long millis, boolean paused) {
        long now = System.currentTimeMillis();
        Long end = millis == null ? null : now + millis;
        return new Assignment(
                epoch, shard, 2, rate, 50L * shard, 50L * (shard + 1), List.of(), now, end, paused, null, null);
    }

    static WorkerService worker(RecordSink sink) {
        return new WorkerService(CONFIG, WorkerConfigs.shape(CONFIG), sink, Clock.SYSTEM);
    }

    static RecordSink open(String broker) {
        if (broker.equals("kafka")) {
            return SinkTarget.of(CONFIG.sink(), kafka.bootstrapServers(), null)
                    .open("test", CONFIG.format(), WorkerConfigs.shape(CONFIG).schema());
        }
        PulsarSinkSpec topic = new PulsarSinkSpec();
        topic.setServiceUrl(pulsar.serviceUrl());
        topic.setAdminUrl(pulsar.adminUrl());
        topic.setTopic("worker-streams");
        topic.setPartitions(3);
        SinkSpec spec = new SinkSpec();
        spec.setPulsar(topic);
        return SinkTarget.of(spec, null, null)
                .open("test", CONFIG.format(), WorkerConfigs.shape(CONFIG).schema());
    }

    static WorkerStatus await(WorkerService worker, Predicate<WorkerStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        WorkerStatus status = worker.status();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = worker.status();
        }
        assertTrue(condition.test(status), "not reached in 30 s: " + status + " " + status.streams());
        return status;
    }

    /** Its last run has stopped sending, and every send has ended. */
    static boolean settled(WorkerStatus s) {
        return s.state() == WorkerState.FINISHED
                && s.counters().acked() + s.counters().errors() == s.counters().sent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "pulsar"})
    void eachRunReportsThroughItsLastRecordOnceItsSendsSettle(String broker) throws Exception {
        try (WorkerService worker = worker(open(broker))) {
            assertEquals(List.of(), worker.status().streams(), "no run yet");
            assertEquals(ApplyOutcome.APPLIED, worker.apply(sending(1, 0, 2_000, null)));
            await(worker, s -> s.counters().sent() >= 1_000);
            assertEquals(ApplyOutcome.APPLIED, worker.apply(sending(2, 1, 3_000, 1_000L)));

            WorkerStatus end = await(worker, WorkerServiceStreamsTest::settled);
            assertEquals(0, end.counters().errors(), end.toString());
            List<StreamAcks> streams = end.streams();
            assertEquals(
                    List.of(1L, 2L), streams.stream().map(StreamAcks::epoch).toList());
            assertEquals(List.of(0, 1), streams.stream().map(StreamAcks::shard).toList());
            for (StreamAcks stream : streams) {
                assertEquals(0, stream.first(), "each joined its epoch at its start: " + stream);
                assertEquals(List.of(), stream.failed(), stream.toString());
            }
            // A run's watermark never passes a record it has not sent, so the sum being every record sent
            // makes each run's through its last record: first + its records sent - 1.
            assertEquals(
                    end.counters().sent(),
                    streams.stream().mapToLong(StreamAcks::owed).sum(),
                    streams.toString());
            assertEquals(ApplyOutcome.APPLIED, worker.apply(paused(3, 1)));
            assertEquals(streams, worker.status().streams(), "final, and a paused run has none");
        }
    }

    @Test
    void failedSendsAreListedAndNotOwed() throws Exception {
        Set<Long> refused = Set.of(0L, 7L, 8L, 400L);
        try (WorkerService worker = worker(new FaultySink(new NullSink(), 1, Set.of(), Set.of(), refused))) {
            worker.apply(sending(1, 1, 1_000, 600L));
            WorkerStatus end = await(worker, WorkerServiceStreamsTest::settled);
            StreamAcks stream = end.streams().get(0);
            assertEquals(List.of(0L, 7L, 8L, 400L), stream.failed());
            assertEquals(end.counters().sent() - 1, stream.through(), stream.toString());
            assertEquals(end.counters().acked(), stream.owed());
            assertEquals(refused.size(), end.counters().errors());
        }
    }

    @Test
    void theLastRunsForgottenStillReportTheirWatermark() throws Exception {
        long epochs = WorkerService.ENDED_KEPT + 8;
        try (WorkerService worker = worker(new NullSink())) {
            for (long epoch = 1; epoch <= epochs; epoch++) {
                worker.apply(sending(epoch, (int) epoch % 2, 1_000, null));
                Thread.sleep(30); // sends a few records; the run before it ends meanwhile and is forgotten
            }
            List<StreamAcks> streams = worker.status().streams();
            List<Long> reported = streams.stream().map(StreamAcks::epoch).toList();
            assertTrue(streams.size() > WorkerService.ENDED_KEPT, "the last 16 forgotten and those held: " + reported);
            assertEquals(
                    LongStream.rangeClosed(epochs - streams.size() + 1, epochs)
                            .boxed()
                            .toList(),
                    reported,
                    "the newest runs, oldest first");
            assertTrue(reported.get(0) > 1, "older ones are gone: " + reported);
        }
    }
}
