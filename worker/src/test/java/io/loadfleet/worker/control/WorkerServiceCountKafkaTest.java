package io.loadfleet.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.KafkaSink;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.WorkerConfigs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * spec.count on a worker pod against a real broker: the pod's part of the count holds over a rate change (a new
 * epoch), so the shard sends exactly its part in all and then reports FINISHED.
 */
@Timeout(120)
class WorkerServiceCountKafkaTest {
    private static final long PART = 3_000;

    @Test
    void aRateChangeCountsOnAndTheShardSendsExactlyItsPart() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            WorkerConfig config = WorkerConfigs.temperatureToKafka("worker-count");
            WorkerService worker = new WorkerService(
                    config,
                    WorkerConfigs.shape(config),
                    KafkaSink.open(config.sink().getKafka(), kafka.bootstrapServers(), "test"),
                    Clock.SYSTEM);
            long start = System.currentTimeMillis();
            assertEquals(
                    ApplyOutcome.APPLIED,
                    worker.apply(new Assignment(1, 1, 2, 1000, 50, 100, List.of(), start, null, false, null, PART)));
            Thread.sleep(1000);
            assertEquals(
                    ApplyOutcome.APPLIED,
                    worker.apply(new Assignment(2, 1, 2, 2000, 50, 100, List.of(), start, null, false, null, PART)));
            WorkerStatus end = awaitFinished(worker);
            worker.close();
            assertEquals(PART, end.counters().sent(), "the part of the count, over both epochs: " + end);
            assertEquals(PART, worker.status().counters().acked());

            Map<Long, Long> perEpoch = new TreeMap<>();
            List<ConsumerRecord<byte[], byte[]>> records =
                    KafkaTopics.readAll(kafka.bootstrapServers(), "worker-count", PART);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                perEpoch.merge(KafkaTopics.identity(r).epoch(), 1L, Long::sum);
            }
            System.out.println("count over a rate change: records per epoch " + perEpoch);
            assertEquals(PART, records.size(), "exactly the part on the topic");
            assertEquals(2, perEpoch.size(), "both epochs sent: " + perEpoch);
        }
    }

    private static WorkerStatus awaitFinished(WorkerService worker) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        WorkerStatus status = worker.status();
        while (status.state() != WorkerState.FINISHED && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = worker.status();
        }
        assertEquals(WorkerState.FINISHED, status.state(), status.toString());
        return status;
    }
}
