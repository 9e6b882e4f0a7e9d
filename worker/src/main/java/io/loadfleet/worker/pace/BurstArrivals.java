package io.loadfleet.worker.pace;

/**
 * Records that leave in bursts. Time is cut into windows of {@code every} from the start, and each
 * window carries exactly the records the plan's rate has due in it, say c: the first
 * min(size, c) leave together at the window's start, and the other c − size are spread evenly over
 * the window after the burst, with equal gaps (at a constant rate, r = c − size records at
 * start + i·every/(r + 1), i = 1..r; on a ramp, spaced as the ramp's rate within the window).
 *
 * <p>For example, every 1 s with size 20: at 20/s, one burst of 20 each second and nothing between;
 * at 1000/s, a burst of 20 at each second's start, then 980 records 1/981 s apart; at 10/s, a burst
 * of all 10 each second. Deterministic: no randomness. Windows count from the start of the schedule
 * given, and each whole one sends exactly what the constant schedule would.
 */
public final class BurstArrivals implements Arrivals {
    private final ArrivalWindow window;
    private final int size;

    /**
     * @param base       the plan's schedule, whose count each window keeps
     * @param everyNanos how often a burst leaves
     * @param size       how many records a burst holds at most
     */
    public BurstArrivals(RateSchedule base, long everyNanos, int size) {
        this.window = new ArrivalWindow(base, everyNanos);
        this.size = size;
    }

    @Override
    public long dueNanos(long n) {
        if (!window.holds(n) && !window.moveTo(n)) {
            return Long.MAX_VALUE;
        }
        long j = n - window.first();
        long burst = Math.min(size, window.count());
        if (j < burst) {
            return window.startNanos();
        }
        long spread = window.count() - burst;
        return window.dueAt((double) (j - burst + 1) / (spread + 1));
    }
}
