package io.loadfleet.worker.control;

import io.loadfleet.api.control.Assignment;
import io.loadfleet.worker.engine.ShardTiming;
import io.loadfleet.worker.pace.RateSchedule;
import java.util.concurrent.TimeUnit;

/**
 * When a pod joins an assignment's epoch, on both clocks. The assignment's instants are wall-clock
 * milliseconds (the operator's); the pacer waits on this process's monotonic clock, in nanoseconds.
 * A pod joins at the epoch's effective time, even one just past (a push that arrived a little late
 * still sends what was due since); a pod later than {@link #CATCH_UP_LIMIT_MILLIS} is a replacement:
 * it joins now rather than sending what was due meanwhile in one burst, and numbers its records on
 * from where the epoch's schedule is.
 *
 * @param effectiveWallMillis when the epoch takes effect: its effective time, or now when it has none
 * @param joinWallMillis      when this pod takes the epoch over: the effective time, or now when later
 */
record EpochJoin(
        Assignment assignment, long nowWallMillis, long nowNanos, long effectiveWallMillis, long joinWallMillis) {
    /** How late a pod may be for an epoch's effective time and still send what was due since. */
    static final long CATCH_UP_LIMIT_MILLIS = 1_000;

    static EpochJoin of(Assignment assignment, long nowWallMillis, long nowNanos) {
        long effective = assignment.effectiveTimeMillis() == null ? nowWallMillis : assignment.effectiveTimeMillis();
        long join = nowWallMillis - effective > CATCH_UP_LIMIT_MILLIS ? nowWallMillis : effective;
        return new EpochJoin(assignment, nowWallMillis, nowNanos, effective, join);
    }

    /** The join time on the monotonic clock: the previous epoch's run sends what is due before it. */
    long joinNanos() {
        return nanosAt(joinWallMillis);
    }

    /**
     * The shard's timing in this epoch, on {@code fleetSchedule} (the shard's rate and stages from the
     * fleet's start, {@link Assignment#startTimeMillis()}): it joins the schedule where the schedule is at
     * the join time, which may be just past (the overdue records go at once); a fleet start later than
     * that is waited for. Records are numbered from the epoch's effective time.
     */
    ShardTiming timing(RateSchedule fleetSchedule) {
        long fleetStartWallMillis = assignment.startTimeMillis();
        long startWallMillis = Math.max(joinWallMillis, fleetStartWallMillis);
        long intoScheduleNanos = TimeUnit.MILLISECONDS.toNanos(joinWallMillis - fleetStartWallMillis);
        RateSchedule schedule = intoScheduleNanos > 0 ? fleetSchedule.after(intoScheduleNanos) : fleetSchedule;
        long firstSequence = joinWallMillis == effectiveWallMillis
                ? 0
                : fleetSchedule.countBefore(intoScheduleNanos)
                        - fleetSchedule.countBefore(
                                TimeUnit.MILLISECONDS.toNanos(Math.max(0, effectiveWallMillis - fleetStartWallMillis)));
        long runNanos = assignment.endTimeMillis() == null
                ? Long.MAX_VALUE
                : TimeUnit.MILLISECONDS.toNanos(Math.max(0, assignment.endTimeMillis() - startWallMillis));
        return new ShardTiming(
                schedule, nanosAt(startWallMillis), runNanos, startWallMillis, firstSequence, fleetStartWallMillis);
    }

    /** A wall-clock instant on the monotonic clock. */
    private long nanosAt(long wallMillis) {
        return nowNanos + TimeUnit.MILLISECONDS.toNanos(wallMillis - nowWallMillis);
    }
}
