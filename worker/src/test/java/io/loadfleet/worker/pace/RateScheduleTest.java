package io.loadfleet.worker.pace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.plan.StagePlan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateScheduleTest {
    static final long SECOND = 1_000_000_000L;

    /** How many of the first {@code limit} messages fall in each whole second. */
    static long[] perSecond(RateSchedule schedule, int seconds, long limit) {
        long[] counts = new long[seconds];
        for (long n = 0; n < limit; n++) {
            long due = schedule.dueNanos(n);
            if (due >= seconds * SECOND) {
                break;
            }
            counts[(int) (due / SECOND)]++;
        }
        return counts;
    }

    @Test
    void constantRatePutsExactlyRateMessagesInEverySecond() {
        for (long rate : new long[] {1, 3, 7, 1000, 33_333, 50_000}) {
            long[] counts = perSecond(RateSchedule.constant(rate), 5, 10 * rate);
            for (long c : counts) {
                assertEquals(rate, c, "rate " + rate);
            }
        }
    }

    @Test
    void messagesAreEvenlySpaced() {
        RateSchedule schedule = RateSchedule.constant(4);
        assertEquals(0, schedule.dueNanos(0));
        assertEquals(250_000_000L, schedule.dueNanos(1));
        assertEquals(SECOND, schedule.dueNanos(4));
    }

    @Test
    void zeroRateNeverSends() {
        assertEquals(Long.MAX_VALUE, RateSchedule.constant(0).dueNanos(0));
    }

    @Test
    void linearRampDeliversTheIntegralOfTheRate() {
        // 0 → 100 msg/s over 10 s, then hold 100: 500 messages in the ramp.
        RateSchedule schedule = RateSchedule.of(List.of(new StagePlan(Duration.ofSeconds(10), 100)), 100);
        long[] counts = perSecond(schedule, 12, 10_000);
        long inRamp = 0;
        for (int s = 0; s < 10; s++) {
            inRamp += counts[s];
            // second s holds about the average rate of the ramp over that second: 10·s + 5
            assertTrue(Math.abs(counts[s] - (10 * s + 5)) <= 1, "second " + s + ": " + counts[s]);
        }
        assertEquals(500, inRamp);
        assertEquals(100, counts[10]);
        assertEquals(100, counts[11]);
        assertEquals(50.0, schedule.rateAt(5 * SECOND), 1e-9);
        assertEquals(100.0, schedule.rateAt(20 * SECOND), 1e-9);
    }

    @Test
    void rampDownAndStepsBetweenStages() {
        RateSchedule schedule = RateSchedule.of(
                List.of(
                        new StagePlan(Duration.ofSeconds(2), 1000),
                        new StagePlan(Duration.ofSeconds(2), 0),
                        new StagePlan(Duration.ofMillis(1), 10)),
                10);
        long[] counts = perSecond(schedule, 8, 100_000);
        assertEquals(1000, counts[0] + counts[1], "ramp up to 1000 over 2 s sends 1000");
        assertEquals(1000, counts[2] + counts[3], "ramp down to 0 over 2 s sends 1000");
        assertTrue(counts[4] >= 10 && counts[4] <= 11, "then about 10/s: " + counts[4]);
        assertEquals(10, counts[6]);
    }

    @Test
    void dueTimesNeverGoBackwards() {
        RateSchedule schedule = RateSchedule.of(
                List.of(new StagePlan(Duration.ofSeconds(3), 7777), new StagePlan(Duration.ofSeconds(5), 123)), 4567);
        long previous = -1;
        for (long n = 0; n < 60_000; n++) {
            long due = schedule.dueNanos(n);
            assertTrue(due >= previous, "message " + n);
            previous = due;
        }
    }

    @Test
    void afterJoinsARampWhereTheFleetIsNow() {
        // 0 → 100/s over 10 s, then 100/s. Seen from 5 s in: 50 → 100 over 5 s (375 messages), then 100/s.
        RateSchedule fleet = RateSchedule.of(List.of(new StagePlan(Duration.ofSeconds(10), 100)), 100);
        RateSchedule joined = fleet.after(5 * SECOND);
        assertEquals(50.0, joined.rateAt(0), 1e-9);
        assertEquals(75.0, joined.rateAt(2_500_000_000L), 1e-9);
        assertEquals(100.0, joined.rateAt(6 * SECOND), 1e-9);
        long[] counts = perSecond(joined, 7, 10_000);
        long inRamp = counts[0] + counts[1] + counts[2] + counts[3] + counts[4];
        assertTrue(Math.abs(inRamp - 375) <= 1, "ramp remainder: " + inRamp);
        assertEquals(100, counts[6]);
        assertEquals(0, fleet.after(20 * SECOND).dueNanos(0), "past the ramp: the hold rate from now");
        assertEquals(10_000_000L, fleet.after(20 * SECOND).dueNanos(1));
    }

    @Test
    void countBeforeIsHowManyMessagesAreDueBeforeAnInstant() {
        // 0 → 100/s over 10 s (500 messages), then 100/s.
        RateSchedule fleet = RateSchedule.of(List.of(new StagePlan(Duration.ofSeconds(10), 100)), 100);
        assertEquals(0, fleet.countBefore(0));
        assertEquals(125, fleet.countBefore(5 * SECOND), "5 s into a 0 → 100/s ramp over 10 s: 10/s² · 5² / 2");
        assertEquals(500, fleet.countBefore(10 * SECOND));
        assertEquals(1_500, fleet.countBefore(20 * SECOND), "500 in the ramp, then 100/s for 10 s");
        for (long n : new long[] {1, 17, 499, 500, 501, 1_234}) {
            long due = fleet.dueNanos(n);
            assertTrue(Math.abs(fleet.countBefore(due) - n) <= 1, "message " + n + " due at " + due);
            assertEquals(n + 1, fleet.countBefore(due + 1_000), "just after message " + n + " is due");
        }
        assertEquals(7_000, RateSchedule.constant(1_000).countBefore(7 * SECOND));
    }
}
