package io.loadfleet.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.control.Assignment;
import io.loadfleet.worker.engine.ShardTiming;
import io.loadfleet.worker.pace.RateSchedule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EpochJoinTest {
    /** The monotonic clock reads 5 s when the wall clock reads NOW: the two are unrelated. */
    private static final long NOW = 1_700_000_000_000L;

    private static final long NOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long RATE = 100; // one record every 10 ms
    private static final RateSchedule FLEET = RateSchedule.constant(RATE);

    private static Assignment epoch(long startMillis, Long endMillis, Long effectiveMillis) {
        return new Assignment(2, 0, 1, RATE, 0, 10, List.of(), startMillis, endMillis, false, effectiveMillis, null);
    }

    private static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void onTimeTheShardStartsWithTheEpochAndNumbersFromZero() {
        EpochJoin join = EpochJoin.of(epoch(NOW, NOW + 60_000, NOW), NOW, NOW_NANOS);
        ShardTiming timing = join.timing(FLEET);

        assertEquals(NOW_NANOS, join.joinNanos());
        assertEquals(NOW_NANOS, timing.startNanos());
        assertEquals(NOW, timing.startWallMillis());
        assertEquals(nanos(60_000), timing.runNanos());
        assertEquals(0, timing.firstSequence());
        assertEquals(FLEET.countBefore(nanos(1_000)), timing.schedule().countBefore(nanos(1_000)));
    }

    @Test
    void anEpochWithoutAnEffectiveTimeTakesEffectNow() {
        EpochJoin join = EpochJoin.of(epoch(NOW - 10_000, null, null), NOW, NOW_NANOS);

        assertEquals(NOW, join.joinWallMillis());
        assertEquals(NOW_NANOS, join.joinNanos());
        assertEquals(Long.MAX_VALUE, join.timing(FLEET).runNanos());
        assertEquals(0, join.timing(FLEET).firstSequence(), "its effective time is its join time: no one sent before");
    }

    @Test
    void aLittleLateThePodStillSendsWhatWasDueSinceTheEffectiveTime() {
        long effective = NOW - 400; // the push arrived 400 ms after the activation instant
        EpochJoin join = EpochJoin.of(epoch(effective, null, effective), NOW, NOW_NANOS);
        ShardTiming timing = join.timing(FLEET);

        assertEquals(effective, join.joinWallMillis());
        assertEquals(NOW_NANOS - nanos(400), join.joinNanos(), "the join instant lies in the monotonic past");
        assertEquals(NOW_NANOS - nanos(400), timing.startNanos());
        assertEquals(0, timing.firstSequence());
        assertEquals(40, FLEET.countBefore(NOW_NANOS - timing.startNanos()), "the overdue records go at once");
    }

    @Test
    void aPushAheadOfTheActivationInstantWaitsForIt() {
        long effective = NOW + 2_000;
        EpochJoin join = EpochJoin.of(epoch(NOW - 30_000, NOW + 32_000, effective), NOW, NOW_NANOS);
        ShardTiming timing = join.timing(FLEET);

        assertEquals(NOW_NANOS + nanos(2_000), join.joinNanos(), "the previous epoch sends until then");
        assertEquals(NOW_NANOS + nanos(2_000), timing.startNanos());
        assertEquals(effective, timing.startWallMillis());
        assertEquals(nanos(30_000), timing.runNanos(), "the epoch still ends at its end time");
        assertEquals(0, timing.firstSequence());
        assertEquals(RATE, timing.schedule().rateAt(0), 1e-9, "joined 32 s into the fleet's schedule");
    }

    @Test
    void anEpochThatStartsAfterTheJoinIsWaitedFor() {
        EpochJoin join = EpochJoin.of(epoch(NOW + 5_000, null, NOW), NOW, NOW_NANOS);
        ShardTiming timing = join.timing(FLEET);

        assertEquals(NOW_NANOS, join.joinNanos());
        assertEquals(NOW_NANOS + nanos(5_000), timing.startNanos());
        assertEquals(NOW + 5_000, timing.startWallMillis());
        assertEquals(0, timing.firstSequence());
    }

    @Test
    void aRestartedPodJoinsMidEpochNowAndNumbersOnWhereTheEpochIs() {
        // The epoch started 60 s ago and took effect 20 s ago; this pod (a replacement) comes up now.
        long start = NOW - 60_000;
        long effective = NOW - 20_000;
        EpochJoin join = EpochJoin.of(epoch(start, NOW + 40_000, effective), NOW, NOW_NANOS);
        ShardTiming timing = join.timing(FLEET);

        assertEquals(NOW, join.joinWallMillis(), "later than the catch-up limit: no burst of what was due");
        assertEquals(NOW_NANOS, join.joinNanos());
        assertEquals(NOW_NANOS, timing.startNanos());
        assertEquals(NOW, timing.startWallMillis());
        assertEquals(nanos(40_000), timing.runNanos());
        assertEquals(20 * RATE, timing.firstSequence(), "the 20 s of the epoch the pod missed");
    }

    @Test
    void theCatchUpLimitIsTheBorder() {
        long effective = NOW - EpochJoin.CATCH_UP_LIMIT_MILLIS;
        assertEquals(
                effective,
                EpochJoin.of(epoch(effective, null, effective), NOW, NOW_NANOS).joinWallMillis());
        assertEquals(
                NOW,
                EpochJoin.of(epoch(effective - 1, null, effective - 1), NOW, NOW_NANOS)
                        .joinWallMillis());
    }
}
