package io.loadfleet.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.StreamAcks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class AckedWatermarkTest {
    static final int SHARD = 3;
    static final long EPOCH = 7;
    static final long FIRST = 1_000;

    final AckedWatermark watermark = new AckedWatermark(SHARD, EPOCH, FIRST);

    StreamAcks acks(long through, List<Long> failed) {
        return new StreamAcks(SHARD, EPOCH, FIRST, through, failed);
    }

    @Test
    void beforeAnySettleThroughIsJustBeforeFirst() {
        assertEquals(acks(FIRST - 1, List.of()), watermark.snapshot());
    }

    @Test
    void inOrderAcksMoveThroughOneByOneAcrossManyLapsOfTheRing() {
        for (long s = FIRST; s < FIRST + 1_000_000; s++) {
            watermark.settle(s, true);
            if (s % 4_099 == 0) {
                assertEquals(s, watermark.snapshot().through());
            }
        }
        assertEquals(acks(FIRST + 999_999, List.of()), watermark.snapshot());
    }

    @Test
    void aGapHoldsThroughUntilItSettles() {
        watermark.settle(FIRST + 1, true);
        watermark.settle(FIRST + 2, true);
        assertEquals(FIRST - 1, watermark.snapshot().through());
        watermark.settle(FIRST, true);
        assertEquals(FIRST + 2, watermark.snapshot().through());
        for (long s = FIRST + 4; s < FIRST + 200; s++) {
            watermark.settle(s, true);
        }
        assertEquals(FIRST + 2, watermark.snapshot().through(), "held by " + (FIRST + 3));
        watermark.settle(FIRST + 3, true);
        assertEquals(FIRST + 199, watermark.snapshot().through());
    }

    @Test
    void acksShuffledWithinAWindowSettleEverySequence() {
        long[] order = shuffledWithin(FIRST, 500_000, 1_000, new Random(19));
        for (long s : order) {
            watermark.settle(s, true);
        }
        assertEquals(acks(FIRST + 499_999, List.of()), watermark.snapshot());
    }

    @Test
    void acksFarAheadOfTheOldestUnsettledGrowTheRing() {
        long count = 300_000; // beyond the ring's first 65,536 sequences: grows twice
        for (long s = FIRST + count - 1; s > FIRST; s--) {
            watermark.settle(s, true);
        }
        assertEquals(FIRST - 1, watermark.snapshot().through());
        watermark.settle(FIRST, true);
        assertEquals(FIRST + count - 1, watermark.snapshot().through());
        for (long s = FIRST + count; s < FIRST + 3 * count; s++) {
            watermark.settle(s, true); // and the grown ring is reused lap after lap
        }
        assertEquals(FIRST + 3 * count - 1, watermark.snapshot().through());
    }

    @Test
    void failuresSettleAndAreListedLowestFirstOnceThroughIsPastThem() {
        List<Long> failures = List.of(FIRST + 70_000, FIRST + 5, FIRST + 64, FIRST);
        for (long s = FIRST; s < FIRST + 100_000; s++) {
            if (!failures.contains(s)) {
                watermark.settle(s, true);
            }
        }
        failures.forEach(f -> watermark.settle(f, false));
        assertEquals(acks(FIRST + 99_999, List.of(FIRST, FIRST + 5, FIRST + 64, FIRST + 70_000)), watermark.snapshot());
        assertEquals(100_000 - 4, watermark.snapshot().owed());
    }

    @Test
    void aFailureNotYetPassedIsNotListed() {
        watermark.settle(FIRST + 2, false);
        watermark.settle(FIRST, true);
        assertEquals(acks(FIRST, List.of()), watermark.snapshot(), "through stops at the gap before the failure");
        watermark.settle(FIRST + 1, true);
        assertEquals(acks(FIRST + 2, List.of(FIRST + 2)), watermark.snapshot());
    }

    @Test
    void beyondMaxFailedThroughStaysBelowTheNextFailure() {
        int max = StreamAcks.MAX_FAILED;
        // every other record fails: the first max failures are listed, the next one holds the watermark
        for (long s = FIRST; s < FIRST + 4L * max; s++) {
            watermark.settle(s, s % 2 == 0);
        }
        long held = FIRST + 2L * max + 1; // the failure after the max listed ones
        StreamAcks acks = watermark.snapshot();
        assertEquals(held - 1, acks.through());
        assertEquals(max, acks.failed().size());
        assertEquals(FIRST + 1, acks.failed().get(0));
        assertEquals(held - 2, acks.failed().get(max - 1));
        for (long s = FIRST + 4L * max; s < FIRST + 8L * max; s++) {
            watermark.settle(s, true);
        }
        assertEquals(acks, watermark.snapshot(), "and stays there, whatever settles after it");
    }

    @Test
    void aLowerFailureArrivingAfterTheListIsFullHoldsThroughBelowIt() {
        int max = StreamAcks.MAX_FAILED;
        long late = FIRST + 10; // its failure comes last, out of order
        for (long s = FIRST; s < FIRST + 100 + max; s++) {
            if (s != late) {
                watermark.settle(s, !(s >= FIRST + 100));
            }
        }
        watermark.settle(late, false);
        assertEquals(acks(late - 1, List.of()), watermark.snapshot());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 200_000}) // the second grows the ring while the other thread settles
    void twoThreadsSettlingInterleavedSequencesLoseNone(int window) throws Exception {
        long count = 2_000_000;
        long[] order = shuffledWithin(FIRST, count, window, new Random(22));
        List<Long> failures = List.of(FIRST + 17, FIRST + 1_234_567);
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> broken = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int parity = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = parity; i < order.length; i += 2) {
                        watermark.settle(order[i], !failures.contains(order[i]));
                    }
                } catch (Throwable e) {
                    broken.set(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        long previous = FIRST - 1;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            StreamAcks acks = watermark.snapshot(); // read while they settle: never back, never a failure missed
            assertTrue(acks.through() >= previous, acks + " after " + previous);
            assertEquals(failures.stream().filter(f -> f <= acks.through()).toList(), acks.failed());
            previous = acks.through();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(null, broken.get());
        assertEquals(acks(FIRST + count - 1, failures), watermark.snapshot());
    }

    /** [from, from + count) in an order where each sequence is less than {@code window} places from its own. */
    static long[] shuffledWithin(long from, long count, int window, Random random) {
        // sorted by place plus a random lag below the window: the place in the low 32 bits
        long[] keyed = new long[(int) count];
        for (int i = 0; i < keyed.length; i++) {
            keyed[i] = (long) (i + random.nextInt(window)) << 32 | i;
        }
        Arrays.sort(keyed);
        return Arrays.stream(keyed).map(k -> from + (int) k).toArray();
    }
}
