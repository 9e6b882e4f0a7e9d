package io.loadfleet.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.worker.embedded.EmbeddedKafka;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.KafkaSink;
import io.loadfleet.worker.sink.RecordIdentity;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.WorkerConfigs;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker pod's data plane against a real broker: an epoch change re-targets rate and range on one producer. */
@Timeout(120)
class WorkerServiceKafkaTest {

    @Test
    void newEpochSwitchesRateAndRangeWithoutAGapOrALostRecord() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            WorkerConfig config = WorkerConfigs.temperatureToKafka("worker-epochs");
            WorkerService worker = new WorkerService(
                    config,
                    WorkerConfigs.shape(config),
                    KafkaSink.open(config.sink().getKafka(), kafka.bootstrapServers(), "test"),
                    Clock.SYSTEM);
            assertEquals(WorkerState.IDLE, worker.status().state());
            long start = System.currentTimeMillis();
            assertEquals(
                    ApplyOutcome.APPLIED,
                    worker.apply(new Assignment(1, 0, 2, 1000, 0, 50, List.of(), start, null, false, null, null)));
            Thread.sleep(1500);
            // the hand-over falls within the push; the wall time of the push bounds each epoch's share
            long pushStart = System.currentTimeMillis();
            assertEquals(
                    ApplyOutcome.APPLIED,
                    worker.apply(new Assignment(2, 1, 3, 2000, 50, 80, List.of(), start, null, false, null, null)));
            long pushEnd = System.currentTimeMillis();
            WorkerStatus switched = worker.status();
            assertEquals(2, switched.epoch());
            assertEquals(2000.0, switched.targetRate(), 1e-9, "the new rate is in force as soon as the push returns");
            Thread.sleep(1500);
            long closeStart = System.currentTimeMillis();
            worker.close();
            long closeEnd = System.currentTimeMillis();
            WorkerStatus end = worker.status();
            assertEquals(end.counters().sent(), end.counters().acked());
            assertEquals(0, end.counters().errors());

            Map<Long, TreeSet<Long>> sequences = new HashMap<>();
            TreeMap<Long, Long> lastTimestampOfEpoch = new TreeMap<>();
            TreeMap<Long, Long> firstTimestampOfEpoch = new TreeMap<>();
            List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(
                    kafka.bootstrapServers(), "worker-epochs", end.counters().acked());
            assertEquals(end.counters().acked(), records.size(), "every acked record arrived once");
            for (ConsumerRecord<byte[], byte[]> r : records) {
                RecordIdentity id = KafkaTopics.identity(r);
                long epoch = id.epoch();
                long device = Long.parseLong(new String(r.key(), StandardCharsets.UTF_8).substring("dev-".length()));
                if (epoch == 1) {
                    assertTrue(device >= 0 && device < 50, "epoch 1 keys in [0,50): " + device);
                    assertEquals(0, id.shard());
                } else {
                    assertTrue(device >= 50 && device < 80, "epoch 2 keys in [50,80): " + device);
                    assertEquals(1, id.shard());
                }
                assertTrue(
                        sequences.computeIfAbsent(epoch, e -> new TreeSet<>()).add(id.sequence()), "no duplicates");
                lastTimestampOfEpoch.merge(epoch, r.timestamp(), Math::max);
                firstTimestampOfEpoch.merge(epoch, r.timestamp(), Math::min);
            }
            for (TreeSet<Long> seqs : sequences.values()) {
                assertEquals(seqs.size() - 1L, seqs.last(), "each epoch's sequence is contiguous from 0");
            }
            long epoch1 = sequences.get(1L).size();
            long epoch2 = sequences.get(2L).size();
            assertTrue(
                    epoch1 >= (pushStart - start) - 30 && epoch1 <= (pushEnd - start) + 30,
                    "1000/s from the start to the push (" + (pushStart - start) + "-" + (pushEnd - start) + " ms): "
                            + epoch1);
            assertTrue(
                    epoch2 >= 2 * (closeStart - pushEnd) - 60 && epoch2 <= 2 * (closeEnd - pushStart) + 60,
                    "2000/s from the push to the close (" + (closeStart - pushEnd) + "-" + (closeEnd - pushStart)
                            + " ms): " + epoch2);
            long gapMillis = firstTimestampOfEpoch.get(2L) - lastTimestampOfEpoch.get(1L);
            // Event times are whole milliseconds, each epoch's taken from its own reading of the wall clock:
            // the hand-over instant can round to 1 ms either side.
            assertTrue(
                    gapMillis >= -1 && gapMillis <= 5,
                    "epoch 2 picks up where epoch 1 stopped: gap " + gapMillis + " ms");
        }
    }
}
