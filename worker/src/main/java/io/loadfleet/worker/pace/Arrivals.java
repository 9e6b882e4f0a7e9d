package io.loadfleet.worker.pace;

/**
 * When each record of a shard is due: the shape of its traffic at the plan's rate. Every shape
 * sends, over each of its whole windows, exactly the records the {@link RateSchedule} has due in
 * them, so the long-run rate is the plan's whatever the shape; only where records fall within a
 * window differs.
 */
public interface Arrivals {

    /**
     * Nanoseconds after the start at which record {@code n} (0-based) is due, or {@link Long#MAX_VALUE}
     * when it never is. Non-decreasing in {@code n}; cheapest when asked for 0, 1, 2, ... in turn.
     */
    long dueNanos(long n);

    /**
     * The arrivals of one shard's run: {@code schedule} itself for {@link ArrivalShape.Constant} (so the
     * default path costs nothing more), or null when the run is unpaced ({@code schedule} null).
     *
     * @param schedule the shard's schedule, as the pacer is given it (already cut where the shard joins):
     *                 the windows whose counts are kept exactly count from its start
     * @param seed     the run's seed: the same seed and shard replay the same Poisson arrivals
     */
    static Arrivals of(RateSchedule schedule, ArrivalShape shape, long seed, int shard) {
        if (schedule == null || shape instanceof ArrivalShape.Constant) {
            return schedule;
        }
        if (shape instanceof ArrivalShape.Poisson) {
            return new PoissonArrivals(schedule, PoissonArrivals.WINDOW_NANOS, seed, shard);
        }
        ArrivalShape.Bursts bursts = (ArrivalShape.Bursts) shape;
        return new BurstArrivals(schedule, bursts.everyNanos(), bursts.size());
    }
}
