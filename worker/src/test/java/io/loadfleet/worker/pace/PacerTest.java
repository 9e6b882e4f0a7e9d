package io.loadfleet.worker.pace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
            assertEquals(due, clock.nanoTime(), "the pacer slept until message " + sent + " was due");
        }
        assertEquals(3_000, sent, "three whole windows of 1000");
        assertEquals(5_000 + 3_000_000_000L, clock.nanoTime(), "the run lasts its full duration");
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
