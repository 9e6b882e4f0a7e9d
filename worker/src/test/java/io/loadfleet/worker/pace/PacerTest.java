package io.loadfleet.worker.pace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.worker.testing.FakeClock;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PacerTest {

    @Test
    void waitsUntilEachMessageIsDue() {
        FakeClock clock = new FakeClock(1_000);
        Pacer pacer = new Pacer(clock, RateSchedule.constant(10), 1_000, Long.MAX_VALUE);
        assertEquals(1_000, pacer.awaitDue(0));
        assertEquals(1_000 + 100_000_000L, pacer.awaitDue(1));
        assertEquals(1_000 + 100_000_000L, clock.nanoTime(), "the pacer slept until message 1 was due");
    }

    @Test
    void lateSenderKeepsTheOriginalScheduleAndCatchesUp() {
        FakeClock clock = new FakeClock(0);
        Pacer pacer = new Pacer(clock, RateSchedule.constant(1000), 0, Long.MAX_VALUE);
        pacer.awaitDue(0);
        clock.advance(5_000_000); // a 5 ms stall
        for (int n = 1; n <= 5; n++) {
            assertEquals(n * 1_000_000L, pacer.awaitDue(n), "overdue message " + n + " keeps its intended time");
            assertEquals(5_000_000, clock.nanoTime(), "and is sent at once");
        }
        assertEquals(6_000_000, pacer.awaitDue(6));
        assertEquals(6_000_000, clock.nanoTime());
    }

    @Test
    void finishesAtTheEndOfTheRunHavingSentExactlyRateTimesDuration() {
        FakeClock clock = new FakeClock(0);
        Pacer pacer = new Pacer(clock, RateSchedule.constant(250), 0, 2_000_000_000L);
        long sent = 0;
        while (pacer.awaitDue(sent) != Pacer.FINISHED) {
            sent++;
        }
        assertEquals(500, sent);
        assertEquals(2_000_000_000L, clock.nanoTime(), "the run lasts its full duration");
    }

    @Test
    void drivesPoissonArrivalsInOrderAndFinishesWithTheExactCount() {
        FakeClock clock = new FakeClock(5_000);
        RateSchedule schedule = RateSchedule.constant(1000);
        Pacer pacer = new Pacer(clock, new PoissonArrivals(schedule, 1_000_000_000L, 42, 0), 5_000, 3_000_000_000L);
        Arrivals expected = new PoissonArrivals(schedule, 1_000_000_000L, 42, 0);
        long sent = 0;
        for (long due; (due = pacer.awaitDue(sent)) != Pacer.FINISHED; sent++) {
            assertEquals(5_000 + expected.dueNanos(sent), due, "message " + sent);
            assertSentOnTime(due, clock.nanoTime(), sent);
        }
        assertEquals(3_000, sent, "three whole windows of 1000");
        assertEquals(5_000 + 3_000_000_000L, clock.nanoTime(), "the run lasts its full duration");
    }

    @Test
    void atHighRatesWakesAtMostOnceAMillisecondAndSendsWhatIsDueByThen() {
        CountingClock clock = new CountingClock(new FakeClock(0));
        RateSchedule schedule = RateSchedule.constant(60_000); // one message every 16.7 µs
        Pacer pacer = new Pacer(clock, schedule, 0, 1_000_000_000L);
        long sent = 0;
        for (long due; (due = pacer.awaitDue(sent)) != Pacer.FINISHED; sent++) {
            assertEquals(schedule.dueNanos(sent), due, "message " + sent + " keeps its intended time");
            assertSentOnTime(due, clock.nanoTime(), sent);
        }
        assertEquals(60_000, sent, "exactly rate × duration");
        // One wait a millisecond over 1 s, and the last one that waits out the end of the run.
        assertTrue(clock.parks <= 1_001, clock.parks + " parks");
        assertEquals(1_000_000_000L, clock.nanoTime(), "the run lasts its full duration");
    }

    @Test
    void aWaitLongerThanTheMinimumEndsWhenTheMessageIsDue() {
        CountingClock clock = new CountingClock(new FakeClock(0));
        Pacer pacer = new Pacer(clock, RateSchedule.constant(400), 0, Long.MAX_VALUE); // every 2.5 ms
        for (int n = 0; n < 100; n++) {
            assertEquals(n * 2_500_000L, pacer.awaitDue(n));
            assertEquals(n * 2_500_000L, clock.nanoTime(), "message " + n + " sent exactly when due");
        }
        assertEquals(99, clock.parks, "one wait a message");
    }

    @Test
    void theEndOfTheRunCutsTheMinimumWaitShort() {
        FakeClock clock = new FakeClock(0);
        // Every 500 µs, for 1.2 ms: messages 0, 1 and 2 (at 0, 0.5 and 1 ms) are sent, 3 (at 1.5 ms) is not.
        Pacer pacer = new Pacer(clock, RateSchedule.constant(2_000), 0, 1_200_000);
        assertEquals(0, pacer.awaitDue(0));
        assertEquals(500_000, pacer.awaitDue(1));
        assertEquals(1_000_000, clock.nanoTime(), "message 1 waited the minimum");
        assertEquals(1_000_000, pacer.awaitDue(2));
        assertEquals(1_000_000, clock.nanoTime(), "message 2, due by then, went at once");
        assertEquals(Pacer.FINISHED, pacer.awaitDue(3));
        assertEquals(1_200_000, clock.nanoTime(), "the wait ended with the run, not a minimum after");
    }

    @Test
    void endAtCutsTheMinimumWaitShort() {
        FakeClock clock = new FakeClock(0);
        Pacer pacer = new Pacer(clock, RateSchedule.constant(100_000), 0, Long.MAX_VALUE); // every 10 µs
        assertEquals(0, pacer.awaitDue(0));
        pacer.endAt(25_000);
        assertEquals(10_000, pacer.awaitDue(1));
        assertEquals(25_000, clock.nanoTime(), "the wait for message 1 ended at the new end, not 1 ms on");
        assertEquals(20_000, pacer.awaitDue(2), "due before the end: still sent");
        assertEquals(Pacer.FINISHED, pacer.awaitDue(3));
        assertEquals(25_000, clock.nanoTime());
    }

    @Test
    void maxRateNeverWaits() {
        FakeClock clock = new FakeClock(42);
        Pacer pacer = new Pacer(clock, null, 42, 1_000);
        for (int n = 0; n < 1000; n++) {
            assertEquals(42, pacer.awaitDue(n));
        }
        clock.advance(1_000);
        assertEquals(Pacer.FINISHED, pacer.awaitDue(1000));
    }

    @Test
    @Timeout(10)
    void stopWakesAWaitingSender() throws Exception {
        FrozenClock clock = new FrozenClock();
        Pacer pacer = new Pacer(clock, RateSchedule.constant(1), 0, Long.MAX_VALUE);
        pacer.awaitDue(0);
        long[] result = new long[1];
        Thread sender = new Thread(() -> result[0] = pacer.awaitDue(1)); // due at 1 s, which never comes
        sender.setDaemon(true);
        sender.start();
        while (sender.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        pacer.stop();
        sender.join(5_000);
        assertFalse(sender.isAlive(), "stop() woke the parked sender");
        assertEquals(Pacer.FINISHED, result[0]);
        assertEquals(Pacer.FINISHED, pacer.awaitDue(2), "a stopped pacer stays stopped");
    }

    /** Never before its due time, and less than the minimum wait after it. */
    private static void assertSentOnTime(long due, long sentAt, long n) {
        assertTrue(
                sentAt >= due && sentAt < due + Pacer.MIN_PARK_NANOS,
                "message " + n + " due at " + due + " sent at " + sentAt);
    }

    /** A clock that counts the waits. */
    private static final class CountingClock implements Clock {
        private final Clock clock;
        private int parks;

        CountingClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public long epochMillis() {
            return clock.epochMillis();
        }

        @Override
        public void parkUntil(long deadline) {
            parks++;
            clock.parkUntil(deadline);
        }
    }

    /** Time stands still and a wait lasts until the waiter is unparked: only {@link Pacer#stop()} can end it. */
    private static final class FrozenClock implements Clock {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public long epochMillis() {
            return 0;
        }

        @Override
        public void parkUntil(long deadline) {
            LockSupport.park(this);
        }
    }
}
