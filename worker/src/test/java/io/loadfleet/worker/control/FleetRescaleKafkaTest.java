package io.loadfleet.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.KafkaSink;
import io.loadfleet.worker.testing.Delivered;
import io.loadfleet.worker.testing.Deliveries;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import io.loadfleet.worker.testing.WorkerConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet of worker pods rescaled live 4 → 6 → 3 into a real broker, the operator's way: every pod
 * gets the new epoch's assignment (a standby for a pod about to go) with one effective time a little
 * ahead, and the old epoch runs until then. Every record is read back.
 */
@Timeout(120)
class FleetRescaleKafkaTest {
    private static final String TOPIC = "rescale";
    private static final long RATE = 10_000;
    /** How far ahead of its push an epoch takes effect, as the operator does. */
    private static final long LEAD_MILLIS = 200;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private final WorkerConfig config = WorkerConfigs.temperatureToKafka(TOPIC);
    private final List<WorkerService> pods = new ArrayList<>();

    @AfterEach
    void stopPods() {
        pods.forEach(WorkerService::close);
    }

    @Test
    void everyStreamIsWholeAndEverySecondByEventTimeHoldsTheRate() throws Exception {
        LoadProfileSpec spec = ProfileLoader.parse("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: pod-test}
                spec:
                  targetRate: %d
                  devices: {count: 600}
                  generator: {type: temperature}
                  sink: {kafka: {topic: %s, partitions: 3}}
                """.formatted(RATE, TOPIC)).getSpec();
        Map<Long, FleetPlan> planOfEpoch = new TreeMap<>();
        startPods(4);
        long start = System.currentTimeMillis() + 1_000;
        long end = start + 7_000;
        push(spec, planOfEpoch, 1, 4, start, end, start);
        sleepUntil(start + 2_100);
        startPods(2);
        long second = System.currentTimeMillis() + LEAD_MILLIS;
        push(spec, planOfEpoch, 2, 6, start, end, second);
        sleepUntil(start + 4_600);
        long third = System.currentTimeMillis() + LEAD_MILLIS;
        push(spec, planOfEpoch, 3, 3, start, end, third);
        long acked = awaitSettled(end);

        List<Delivered> records = KafkaTopics.readAll(kafka.bootstrapServers(), TOPIC, acked).stream()
                .map(r -> KafkaTopics.delivered(r, null))
                .toList();
        assertEquals(acked, records.size(), "every acked record is in the topic once");
        Deliveries.assertNoGapsOrCopies(records);
        Map<Long, TreeSet<Integer>> shardsOfEpoch = new TreeMap<>();
        for (Delivered r : records) {
            shardsOfEpoch.computeIfAbsent(r.epoch(), e -> new TreeSet<>()).add(r.shard());
            ShardPlan range = planOfEpoch.get(r.epoch()).shards().get(r.shard());
            long device = Long.parseLong(r.key().substring(r.key().lastIndexOf('-') + 1));
            assertTrue(
                    device >= range.deviceStart() && device < range.deviceEnd(),
                    "epoch " + r.epoch() + " shard " + r.shard() + " key " + r.key() + " outside " + range);
        }
        assertEquals(
                Map.of(1L, shards(4), 2L, shards(6), 3L, shards(3)),
                shardsOfEpoch,
                "each epoch's pods sent, the standbys nothing");

        // By event time (the scheduled send time) a second inside one epoch holds the rate exactly: the
        // shards' rates sum to it and each paces from an integer millisecond. A second with a hand-over
        // may be off by what two readings of the clocks can put between the old epoch's end and the
        // new one's start (up to 2 ms of the rate) and by one record a shard of either epoch.
        List<Long> perSecond = Deliveries.perSecond(records, start, end);
        System.out.printf("rescale 4 -> 6 -> 3 at %d msg/s: records per second by event time %s%n", RATE, perSecond);
        assertEquals(7, perSecond.size());
        for (int s = 0; s < perSecond.size(); s++) {
            long from = start + s * 1_000L;
            long slack = 0;
            if (second >= from && second < from + 1_000) {
                slack = 2 * RATE / 1_000 + 4 + 6;
            } else if (third >= from && third < from + 1_000) {
                slack = 2 * RATE / 1_000 + 6 + 3;
            }
            assertTrue(
                    Math.abs(perSecond.get(s) - RATE) <= slack,
                    "second " + s + " holds " + perSecond.get(s) + " records, " + RATE + " ± " + slack + " expected: "
                            + perSecond);
        }
    }

    private void startPods(int count) {
        for (int i = 0; i < count; i++) {
            String clientId = "pod-" + pods.size();
            pods.add(new WorkerService(
                    config,
                    WorkerConfigs.shape(config),
                    KafkaSink.open(config.sink().getKafka(), kafka.bootstrapServers(), clientId),
                    Clock.SYSTEM));
        }
    }

    /** Epoch {@code epoch} of {@code replicas} pods to every pod: a pod beyond them stands by. */
    private void push(
            LoadProfileSpec spec,
            Map<Long, FleetPlan> planOfEpoch,
            long epoch,
            int replicas,
            long start,
            long end,
            long effective) {
        FleetPlan plan = FleetPlan.of(spec, replicas);
        planOfEpoch.put(epoch, plan);
        for (int i = 0; i < pods.size(); i++) {
            Assignment assignment = i < replicas
                    ? Assignment.of(epoch, plan.shards().get(i), replicas, start, end, false, effective)
                    : Assignment.standby(epoch, i, start, effective);
            assertEquals(ApplyOutcome.APPLIED, pods.get(i).apply(assignment), "pod " + i + ", epoch " + epoch);
        }
    }

    /**
     * Once the run has ended: waits until the pods still in the fleet have finished, the standbys idle,
     * every pod's sends are acked and the counts stand still. Returns the acked total.
     */
    private long awaitSettled(long end) throws InterruptedException {
        sleepUntil(end);
        long deadline = System.nanoTime() + 60_000_000_000L;
        long previous = -1;
        while (System.nanoTime() < deadline) {
            long acked = 0;
            boolean settled = true;
            for (WorkerService pod : pods) {
                WorkerStatus s = pod.status();
                assertEquals(0, s.counters().errors(), s.counters().lastError());
                settled &= s.counters().sent() == s.counters().acked()
                        && (s.state() == WorkerState.FINISHED || s.state() == WorkerState.PAUSED);
                acked += s.counters().acked();
            }
            if (settled && acked == previous) {
                return acked;
            }
            previous = settled ? acked : -1;
            Thread.sleep(500);
        }
        throw new AssertionError("the pods did not settle: "
                + pods.stream().map(WorkerService::status).toList());
    }

    private static TreeSet<Integer> shards(int count) {
        TreeSet<Integer> shards = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            shards.add(i);
        }
        return shards;
    }

    private static void sleepUntil(long millis) throws InterruptedException {
        Thread.sleep(Math.max(0, millis - System.currentTimeMillis()));
    }
}
