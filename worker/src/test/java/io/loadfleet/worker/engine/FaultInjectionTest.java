package io.loadfleet.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.api.control.StreamAcks;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.spec.FaultsSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.LateFaultSpec;
import io.loadfleet.api.spec.OutOfOrderFaultSpec;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordRandom;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.pace.RateSchedule;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SendListener;
import io.loadfleet.worker.testing.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * spec.faults in a shard's run, driven by a fake clock on the test's thread into a sink that records what it was
 * handed: the fractions at a fixed seed, the marks on exactly the injected records, each fault's timing, replays,
 * and what the run owes (its sequences, each once) untouched by the injected copies.
 *
 * <p>Fractions are checked against the binomial distribution of the 200,000 records: each count within 4 standard
 * deviations (sqrt(n p (1 - p))) of n p, which a fair draw leaves with probability 6e-5 per count; the seed is
 * fixed, so the check is deterministic and fails only if the draws are biased (or the fractions are not applied).
 */
class FaultInjectionTest {
    static final long RATE = 10_000;
    static final long SECONDS = 20;
    static final long RECORDS = RATE * SECONDS;
    static final RateSchedule SCHEDULE = RateSchedule.constant(RATE);
    static final long START_NANOS = 1_000_000_000L;
    static final long WALL_START = 1_700_000_000_000L;
    static final long DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long MAX_SHIFT_MILLIS = 5_000;
    static final FaultSettings ALL = new FaultSettings(0.01, 0.02, MAX_SHIFT_MILLIS, 0.005, DELAY_NANOS);
    static final ObjectMapper JSON = new ObjectMapper();

    /** One record as the sink was handed it, and when. */
    record Sent(
            long sequence,
            String injected,
            long intendedNanos,
            long eventTimeMillis,
            byte[] key,
            byte[] value,
            long sentAtNanos) {

        /** The timestamp field of the JSON value (ISO-8601): the event time the generator wrote. */
        long timestampInValue() {
            try {
                return Instant.parse(JSON.readTree(value).get("timestamp").asText())
                        .toEpochMilli();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Acks every record at once, but fails the injected copies when asked to; keeps what it was handed. */
    static final class RecordingSink implements RecordSink {
        final FakeClock clock;
        final boolean failCopies;
        final List<Sent> sent = new ArrayList<>();

        RecordingSink(FakeClock clock, boolean failCopies) {
            this.clock = clock;
            this.failCopies = failCopies;
        }

        @Override
        public void send(OutgoingRecord r, SendListener listener) {
            sent.add(new Sent(
                    r.sequence, r.injected, r.intendedNanos, r.eventTimeMillis, r.key, r.value, clock.nanoTime()));
            if (failCopies && OutgoingRecord.INJECTED_DUPLICATE.equals(r.injected)) {
                listener.failed(r.intendedNanos, r.sequence, new IllegalStateException("copy refused on purpose"));
            } else {
                listener.acked(r.intendedNanos, r.sequence);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    /** A shard's run of {@link #RECORDS} temperature readings at {@link #RATE}, and what came of it. */
    record Run(List<Sent> sent, ShardStats stats, StreamAcks acks) {}

    static Run run(FaultSettings faults, long seed, boolean failCopies) {
        FakeClock clock = new FakeClock(0);
        RecordingSink sink = new RecordingSink(clock, failCopies);
        GeneratorSpec generator = new GeneratorSpec();
        generator.setType(GeneratorType.TEMPERATURE);
        ShardLauncher launcher = new ShardLauncher(
                "faulty", Generators.shape(generator, null), sink, Format.JSON, seed, null, null, faults, clock);
        ShardStats stats = new ShardStats(clock::nanoTime);
        AckedWatermark watermark = new AckedWatermark(0, 1, 0);
        ShardTiming timing =
                new ShardTiming(SCHEDULE, START_NANOS, TimeUnit.SECONDS.toNanos(SECONDS), WALL_START, 0, WALL_START);
        launcher.prepare(new ShardPlan(0, RATE, 0, 50, List.of()), 1, timing, stats, watermark, null, "shard", () -> {})
                .thread()
                .run(); // on this thread: the fake clock moves only as the pacer waits
        return new Run(sink.sent, stats, watermark.snapshot());
    }

    static long dueNanos(long sequence) {
        return START_NANOS + SCHEDULE.dueNanos(sequence);
    }

    /** When the first record due at or after {@code nanos} is due. */
    static long firstDueFrom(long nanos) {
        long n = (nanos - START_NANOS) * RATE / TimeUnit.SECONDS.toNanos(1);
        while (dueNanos(n) < nanos) {
            n++;
        }
        while (n > 0 && dueNanos(n - 1) >= nanos) {
            n--;
        }
        return dueNanos(n);
    }

    static long plannedEventTime(long sequence) {
        return WALL_START + (dueNanos(sequence) - START_NANOS) / 1_000_000;
    }

    static void assertBinomial(long count, double p, String what) {
        double mean = RECORDS * p;
        double sd = Math.sqrt(RECORDS * p * (1 - p));
        assertTrue(
                Math.abs(count - mean) <= 4 * sd,
                what + ": " + count + " of " + RECORDS + ", expected " + mean + " ± " + 4 * sd + " (4 sd)");
    }

    @Test
    void eachFaultHitsItsFractionOfTheRecords() {
        Run run = run(ALL, 42, false);
        InjectedFaults injected = run.stats().injected();
        assertBinomial(injected.duplicates(), 0.01, "duplicates");
        assertBinomial(injected.outOfOrder(), 0.02, "out of order");
        assertBinomial(injected.late(), 0.005, "late");
        Map<String, Long> marks = new HashMap<>();
        run.sent().forEach(s -> marks.merge(String.valueOf(s.injected()), 1L, Long::sum));
        assertEquals(
                Map.of(
                        "null",
                        RECORDS - injected.outOfOrder() - injected.late(),
                        OutgoingRecord.INJECTED_DUPLICATE,
                        injected.duplicates(),
                        OutgoingRecord.INJECTED_OUT_OF_ORDER,
                        injected.outOfOrder(),
                        OutgoingRecord.INJECTED_LATE,
                        injected.late()),
                marks,
                "the stats count exactly the records the sink was handed marked; copies come on top");
    }

    @Test
    void onlyInjectedRecordsAreMarkedAndEachFaultIsWhatItSays() {
        List<Sent> sent = run(ALL, 42, false).sent();
        FaultDraws draws = new FaultDraws(ALL, 42 ^ RecordRandom.mix(1), 0);
        long shifted = 0;
        long shiftSum = 0;
        long held = 0;
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            long seq = s.sequence();
            assertEquals(s.eventTimeMillis(), s.timestampInValue(), "the record's timestamp is its event time");
            FaultDraws.Fault fault = draws.fault(seq);
            if (s.injected() == null) {
                assertTrue(fault == null || fault == FaultDraws.Fault.DUPLICATE, "seq " + seq + " drew " + fault);
            } else {
                assertEquals(fault.mark, s.injected(), "the mark is the fault drawn for seq " + seq);
            }
            if (s.injected() == null) {
                assertEquals(plannedEventTime(seq), s.eventTimeMillis(), "seq " + seq + " as planned");
                assertEquals(dueNanos(seq), s.intendedNanos());
            } else if (s.injected().equals(OutgoingRecord.INJECTED_DUPLICATE)) {
                Sent original = sent.get(i - 1);
                assertEquals(seq, original.sequence(), "a copy follows its record at once");
                assertNull(original.injected(), "the record itself is not marked");
                assertArrayEquals(original.key(), s.key());
                assertArrayEquals(original.value(), s.value());
                assertEquals(original.eventTimeMillis(), s.eventTimeMillis());
            } else if (s.injected().equals(OutgoingRecord.INJECTED_OUT_OF_ORDER)) {
                long shift = plannedEventTime(seq) - s.eventTimeMillis();
                assertTrue(shift >= 1 && shift <= MAX_SHIFT_MILLIS, "seq " + seq + " shifted back " + shift + " ms");
                assertEquals(draws.shiftMillis(seq), shift);
                assertEquals(dueNanos(seq), s.intendedNanos(), "sent on time");
                shifted++;
                shiftSum += shift;
            } else {
                assertEquals(OutgoingRecord.INJECTED_LATE, s.injected());
                assertEquals(plannedEventTime(seq), s.eventTimeMillis(), "a late record keeps its event time");
                long release = dueNanos(seq) + DELAY_NANOS;
                if (release <= dueNanos(RECORDS - 1)) {
                    held++;
                    assertEquals(release, s.intendedNanos(), "intended at its release: due + delay");
                    // The pacer wakes at most once a millisecond: that record goes up to that much after it is due.
                    long slot = firstDueFrom(release);
                    assertTrue(
                            s.sentAtNanos() >= slot && s.sentAtNanos() < slot + Pacer.MIN_PARK_NANOS,
                            "seq " + seq + " goes out with the first record due from its release on, due at " + slot
                                    + ", sent at " + s.sentAtNanos());
                } else {
                    assertEquals(
                            START_NANOS + TimeUnit.SECONDS.toNanos(SECONDS),
                            s.sentAtNanos(),
                            "held at the end: sent when the run ends");
                }
            }
        }
        // uniform in [1, 5000]: mean 2500.5, sd 1443; the mean of k shifts within 4 sd of the mean's, 1443 / sqrt(k)
        double mean = (double) shiftSum / shifted;
        assertEquals(2500.5, mean, 4 * 1443 / Math.sqrt(shifted), "mean shift of " + shifted);
        assertTrue(held > 800, "most late records are released during the run: " + held);
    }

    @Test
    void theRunOwesEachSequenceOnceAndTheCopiesOutcomesCountNowhere() {
        Run run = run(ALL, 7, true);
        long[] times = new long[(int) RECORDS];
        for (Sent s : run.sent()) {
            if (!OutgoingRecord.INJECTED_DUPLICATE.equals(s.injected())) {
                times[(int) s.sequence()]++;
            }
        }
        for (int seq = 0; seq < RECORDS; seq++) {
            assertEquals(1, times[seq], "seq " + seq + " sent once as a record, late ones included");
        }
        assertEquals(RECORDS, run.stats().sentCount(), "copies are not counted as sent");
        assertEquals(RECORDS, run.stats().ackedCount());
        assertEquals(0, run.stats().failedCount(), "every copy failed, and none counts");
        assertEquals(
                new StreamAcks(0, 1, 0, RECORDS - 1, List.of()), run.acks(), "settled through the last, none failed");
        assertTrue(run.stats().injected().duplicates() > 0);
    }

    @Test
    void aReplayInjectsTheSameFaultsAndFaultsLeaveTheOtherRecordsAsTheyWere() {
        List<Sent> first = run(ALL, 42, false).sent();
        List<Sent> again = run(ALL, 42, false).sent();
        assertEquals(marks(first), marks(again));
        assertNotEquals(marks(first), marks(run(ALL, 43, false).sent()), "another seed, other records");

        // without faults, every record but the shifted ones has the very same bytes
        Map<Long, byte[]> plain = new HashMap<>();
        run(null, 42, false).sent().forEach(s -> plain.put(s.sequence(), s.value()));
        assertEquals(RECORDS, plain.size());
        for (Sent s : first) {
            if (!OutgoingRecord.INJECTED_OUT_OF_ORDER.equals(s.injected())) {
                assertArrayEquals(plain.get(s.sequence()), s.value(), "seq " + s.sequence());
            }
        }
    }

    static List<String> marks(List<Sent> sent) {
        return sent.stream()
                .map(s -> s.sequence() + " " + s.injected() + " " + s.eventTimeMillis())
                .toList();
    }

    @Test
    void settingsOfNoFaultsAreNoneSoTheRunPaysNothing() {
        assertNull(FaultSettings.of(null));
        FaultsSpec zero = new FaultsSpec();
        assertNull(FaultSettings.of(zero));
        zero.setDuplicates(0.0);
        OutOfOrderFaultSpec outOfOrder = new OutOfOrderFaultSpec();
        outOfOrder.setFraction(0.0);
        zero.setOutOfOrder(outOfOrder);
        assertNull(FaultSettings.of(zero));

        FaultsSpec late = new FaultsSpec();
        LateFaultSpec spec = new LateFaultSpec();
        spec.setFraction(0.001);
        late.setLate(spec);
        assertEquals(
                new FaultSettings(0, 0, 0, 0.001, TimeUnit.MINUTES.toNanos(2)),
                FaultSettings.of(late),
                "late.delay defaults to 2m");
        Run run = run(null, 42, false);
        assertTrue(run.sent().stream().allMatch(s -> s.injected() == null));
        assertEquals(InjectedFaults.NONE, run.stats().injected());
    }
}
