package io.loadfleet.worker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.worker.generate.RecordGenerator;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What every round trip proves of the records it read back from a real broker. */
public final class Deliveries {

    private Deliveries() {}

    /**
     * Each record once, from the named profile and epoch, keyed by a device of its shard's range that
     * is also the device id in its value; each shard's sequences 0..n-1 with none missing, n being
     * its rate × {@code seconds}.
     */
    public static void assertCompleteRun(
            List<Delivered> records, FleetPlan plan, RecordGenerator labels, String profile, long epoch, long seconds) {
        Map<String, Long> deviceOfKey = new HashMap<>();
        for (ShardPlan s : plan.shards()) {
            for (long d = s.deviceStart(); d < s.deviceEnd(); d++) {
                deviceOfKey.put(labels.deviceLabel(d), d);
            }
        }
        Map<Integer, TreeSet<Long>> sequences = new HashMap<>();
        for (Delivered r : records) {
            Long device = deviceOfKey.get(r.key());
            assertNotNull(device, "key " + r.key() + " is a device of the pool");
            ShardPlan range = plan.shards().get(r.shard());
            assertTrue(
                    device >= range.deviceStart() && device < range.deviceEnd(),
                    r.key() + " lies in shard " + r.shard() + "'s range");
            assertEquals(profile, r.profile());
            assertEquals(epoch, r.epoch());
            assertTrue(r.eventTimeMillis() > 0, "event time set");
            assertEquals(r.key(), r.idInValue(), "the key is the record's device id");
            assertTrue(
                    sequences.computeIfAbsent(r.shard(), s -> new TreeSet<>()).add(r.sequence()),
                    "no duplicate of shard " + r.shard() + " seq " + r.sequence());
        }
        assertEquals(plan.replicas(), sequences.size(), "every shard arrived");
        for (var e : sequences.entrySet()) {
            TreeSet<Long> seqs = e.getValue();
            assertEquals(0L, seqs.first());
            assertEquals(seqs.size() - 1L, seqs.last(), "shard " + e.getKey() + " sequences are contiguous");
            assertEquals(
                    plan.shards().get(e.getKey()).rate() * seconds,
                    seqs.size(),
                    "shard " + e.getKey() + " sent rate × duration");
        }
    }

    /** Each (epoch, shard) stream's sequences run 0..n-1, none missing and none twice. */
    public static void assertNoGapsOrCopies(List<Delivered> records) {
        Map<String, BitSet> sequences = new TreeMap<>();
        for (Delivered r : records) {
            BitSet seen = sequences.computeIfAbsent(r.epoch() + "/" + r.shard(), k -> new BitSet());
            assertFalse(
                    seen.get(Math.toIntExact(r.sequence())),
                    "epoch/shard " + r.epoch() + "/" + r.shard() + " seq " + r.sequence() + " twice");
            seen.set(Math.toIntExact(r.sequence()));
        }
        sequences.forEach((epochShard, seen) -> assertEquals(
                seen.length(),
                seen.cardinality(),
                "epoch/shard " + epochShard + ": sequences 0.." + (seen.length() - 1) + " with none missing"));
    }

    /**
     * Records by event time in each whole second of [{@code fromMillis}, {@code toMillis}): second k
     * is [from + k s, from + (k + 1) s); a second with no record counts 0.
     */
    public static List<Long> perSecond(List<Delivered> records, long fromMillis, long toMillis) {
        long[] counts = new long[Math.toIntExact((toMillis - fromMillis) / 1000)];
        for (Delivered r : records) {
            long offset = r.eventTimeMillis() - fromMillis;
            if (offset >= 0 && offset / 1000 < counts.length) {
                counts[(int) (offset / 1000)]++;
            }
        }
        return Arrays.stream(counts).boxed().toList();
    }
}
