package io.loadfleet.operator.real;

import static io.loadfleet.operator.cluster.LocalCluster.await;
import static io.loadfleet.operator.real.RealFleet.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.status.Phase;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.testing.Delivered;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shaped fleet on the real control plane: spec.count split over 2 pods, bursts, zipf-skewed devices. A replicas
 * change while it counts is held back (Degraded, naming spec.count), a rate change goes through live and the pods
 * count on; the fleet completes with exactly spec.count records on the topic, each pod's part, and every whole
 * burst window of every pod's epoch holds exactly its rate's records, opening with a burst. And faults on purpose
 * under live verification: injected records counted apart, no real loss.
 */
@Timeout(600)
class TrafficShapesIT {
    private static final String NAME = "shaped";
    private static final long COUNT = 8_000;
    private static final int BURST = 50;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    static String profile(long rate, int replicas) {
        return RealFleet.profile(NAME, rate, replicas, """
                  count: %d
                  devices: {count: 10000, distribution: {type: zipf, exponent: 1.1}}
                  arrival: {process: bursts, size: %d, every: 1s}
                  generator: {type: smart-meter, seed: 3}
                  sink: {kafka: {bootstrapServers: "%s", topic: real-shaped, partitions: 4}}
                """.formatted(COUNT, BURST, kafka.bootstrapServers()))
                .replace("  devices: {count: 10000}\n", "");
    }

    @Test
    void aCountedBurstySkewedFleetSendsExactlyItsCount() throws Exception {
        RealFleet fleet = new RealFleet("shapes");
        fleet.apply(profile(1_000, 2));
        fleet.awaitRunning(NAME, 1_000, 2);
        fleet.apply(profile(1_000, 3));
        await(
                WAIT,
                () -> fleet.degraded(NAME)
                        .filter(c -> c.getReason().equals("ReplicasHeldForCount"))
                        .isPresent(),
                () -> fleet.describe(NAME));
        System.out.println(
                "real shaped fleet: " + fleet.degraded(NAME).orElseThrow().getMessage());
        fleet.apply(profile(2_000, 3)); // the rate goes through, on the 2 pods there are
        await(WAIT, () -> fleet.phase(NAME) == Phase.Completed, () -> fleet.describe(NAME));
        assertEquals(2, fleet.pods(NAME).size(), "the count kept its pods: " + fleet.describe(NAME));
        assertTrue(fleet.status(NAME).getEpoch() >= 2, "the rate change was an epoch of its own");
        assertEquals(COUNT, fleet.status(NAME).getAcked(), fleet.describe(NAME));

        List<Delivered> records =
                RealFleet.delivered(KafkaTopics.readAll(kafka.bootstrapServers(), "real-shaped", COUNT));
        assertEquals(COUNT, records.size(), "exactly spec.count records on the topic");
        Set<String> ids = new HashSet<>();
        records.forEach(r -> assertTrue(ids.add(r.epoch() + "/" + r.shard() + "/" + r.sequence()), "once: " + r));
        Map<Integer, Long> perShard = new TreeMap<>();
        records.forEach(r -> perShard.merge(r.shard(), 1L, Long::sum));
        assertEquals(Map.of(0, COUNT / 2, 1, COUNT / 2), perShard, "each pod its exact part");
        RealFleet.assertKeysInTheirShardsRange(records, Map.of(1L, 2, 2L, 2, 3L, 2, 4L, 2));
        assertHotKeys(records);
        assertWholeWindowsExact(records);
    }

    /**
     * Faults on purpose, with live verification: the verifiers count every injected duplicate, out-of-order and
     * late record apart, as many of each as the topic holds marked (from the judged epoch on), and find no real
     * loss, duplication or disorder.
     */
    @Test
    void injectedFaultsAreCountedApartByLiveVerification() throws Exception {
        RealFleet fleet = new RealFleet("faults-on-purpose");
        fleet.apply(RealFleet.profile("faulty", 1_000, 1, """
                  generator: {type: temperature, seed: 8}
                  faults: {duplicates: 0.01, outOfOrder: {fraction: 0.01, maxShift: 2s}, late: {fraction: 0.01, delay: 1s}}
                  sink: {kafka: {bootstrapServers: "%s", topic: real-faulty, partitions: 2}}
                  verify: {replicas: 1, grace: 5s}
                """.formatted(kafka.bootstrapServers())));
        fleet.awaitRunning("faulty", 1_000, 1);
        await(
                WAIT,
                () -> {
                    VerifyStatus v = fleet.status("faulty").getVerify();
                    return v != null && v.fromEpoch() != null && v.records() > 8_000;
                },
                () -> fleet.describe("faulty"));
        long acked = fleet.pauseAndSettle("faulty");
        await(WAIT, () -> fleet.status("faulty").getVerify().lag() == 0, () -> fleet.describe("faulty"));
        Thread.sleep(6_000); // past the grace
        VerifyStatus v = fleet.status("faulty").getVerify();
        Map<String, Set<String>> marked = new TreeMap<>();
        long copies = 0;
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(kafka.bootstrapServers(), "real-faulty", acked)) {
            Header mark = r.headers().lastHeader(OutgoingRecord.HEADER_INJECTED);
            String fault = mark == null ? null : new String(mark.value(), StandardCharsets.UTF_8);
            Delivered d = KafkaTopics.delivered(r, null);
            if (fault != null && d.epoch() >= v.fromEpoch()) {
                marked.computeIfAbsent(fault, f -> new HashSet<>())
                        .add(d.epoch() + "/" + d.shard() + "/" + d.sequence());
            }
            copies += OutgoingRecord.INJECTED_DUPLICATE.equals(fault) ? 1 : 0;
        }
        System.out.printf(
                "real faults on purpose: %d acked (+%d injected copies); status.verify from epoch %d: %d records, %d"
                        + " lost, %d duplicates, %d out of order; injected %s; marked on the topic %s%n",
                acked,
                copies,
                v.fromEpoch(),
                v.records(),
                v.lost(),
                v.duplicates(),
                v.outOfOrder(),
                v.injected(),
                marked.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().size())));
        assertEquals(0, v.lost(), v.toString());
        assertEquals(0, v.duplicates(), v.toString());
        assertEquals(0, v.outOfOrder(), v.toString());
        assertEquals(
                size(marked, OutgoingRecord.INJECTED_DUPLICATE), v.injected().duplicates(), v.toString());
        assertEquals(
                size(marked, OutgoingRecord.INJECTED_OUT_OF_ORDER), v.injected().outOfOrder(), v.toString());
        assertEquals(size(marked, OutgoingRecord.INJECTED_LATE), v.injected().late(), v.toString());
        assertTrue(
                v.injected().duplicates() > 0
                        && v.injected().outOfOrder() > 0
                        && v.injected().late() > 0,
                "" + v);
        fleet.deleteAndAwaitGone("faulty");
    }

    private static long size(Map<String, Set<String>> marked, String fault) {
        return marked.getOrDefault(fault, Set.of()).size();
    }

    /** zipf 1.1 over a pod's 5,000 devices gives its hottest about 14 % of its records; uniform would give 0.02 %. */
    private static void assertHotKeys(List<Delivered> records) {
        Map<Integer, Map<String, Long>> perDevice = records.stream()
                .collect(Collectors.groupingBy(
                        Delivered::shard, Collectors.groupingBy(Delivered::key, Collectors.counting())));
        perDevice.forEach((shard, devices) -> {
            long hottest =
                    devices.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf(
                    "real shaped fleet: shard %d's hottest device has %d of %d records, %d devices seen%n",
                    shard, hottest, COUNT / 2, devices.size());
            assertTrue(hottest > COUNT / 2 / 10, "shard " + shard + ": a hot key, " + hottest);
        });
    }

    /**
     * Each (epoch, pod) run's bursts open its 1 s windows: its first record's event time is a window's start. Every
     * window but the run's last (cut by the hand-over or the count's end) holds exactly the run's rate.
     */
    private static void assertWholeWindowsExact(List<Delivered> records) {
        Map<String, List<Delivered>> runs = new HashMap<>();
        records.forEach(r -> runs.computeIfAbsent(r.epoch() + "/" + r.shard(), k -> new ArrayList<>())
                .add(r));
        int checked = 0;
        for (var run : runs.entrySet()) {
            List<Delivered> rs = run.getValue();
            rs.sort(Comparator.comparingLong(Delivered::sequence));
            long start = rs.get(0).eventTimeMillis();
            TreeMap<Long, List<Delivered>> windows = new TreeMap<>();
            rs.forEach(r -> windows.computeIfAbsent((r.eventTimeMillis() - start) / 1000, k -> new ArrayList<>())
                    .add(r));
            windows.pollLastEntry();
            Set<Long> perWindow = new HashSet<>();
            for (var w : windows.entrySet()) {
                perWindow.add((long) w.getValue().size());
                long opening = w.getValue().stream()
                        .filter(r -> r.eventTimeMillis() == start + w.getKey() * 1000)
                        .count();
                assertTrue(
                        opening >= BURST, run.getKey() + " window " + w.getKey() + " opens with a burst: " + opening);
                checked++;
            }
            assertTrue(perWindow.size() <= 1, run.getKey() + ": every whole window holds the same count " + perWindow);
            if (!perWindow.isEmpty()) {
                long rate = perWindow.iterator().next();
                assertTrue(rate == 500 || rate == 1_000, run.getKey() + ": a pod's rate, 500 or 1000/s: " + rate);
            }
        }
        System.out.println("real shaped fleet: " + checked + " whole burst windows held exactly their pod's rate");
        assertTrue(checked >= 4, "enough whole windows to check: " + checked);
    }
}
