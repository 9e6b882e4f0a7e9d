package io.loadfleet.worker.pace;

import java.util.SplittableRandom;

/**
 * Records that arrive as a Poisson process at the plan's rate, yet with the plan's exact count in
 * every whole window. Time is cut into windows [kW, (k+1)W) from the start; window k holds exactly
 * the c records the {@link RateSchedule} has due in it, and a Poisson process known to have c
 * arrivals in a window has them at the sorted values of c independent uniform draws. They are
 * uniform in count space, i.e. in the integral of the rate across the window, and mapped back to
 * time through the schedule's own due times (the rate taken as constant between two consecutive
 * ones): at a constant rate that is uniform in time, on a ramp denser where the rate is higher, as
 * an inhomogeneous Poisson process is, and always inside the window.
 *
 * <p>The sorted draws are made one at a time in O(1) memory (Bentley and Saxe, 1980): the least of
 * m uniforms on [x, 1) is 1 − (1 − x)·V^(1/m) for V uniform on (0, 1]. The random stream is
 * SplitMix64, the records' own algorithm, as the JDK's {@link SplittableRandom} (the pacing layer may
 * not use the records' package), positioned by (seed, shard, window) with three of its hashes: the
 * same seed replays the same arrivals, and asking for a record in another window (a replacement
 * pod joining mid-epoch, a caller going back) costs only the draws up to it there. A cursor: one per
 * shard, on its thread.
 */
public final class PoissonArrivals implements Arrivals {
    /** The window of {@link ArrivalShape.Poisson}: every whole second keeps the plan's count. */
    public static final long WINDOW_NANOS = 1_000_000_000L;

    /** Keeps arrival draws apart from the record, trait and trace streams of the same seed. */
    private static final long SALT = 0xA54FF53A5F1D36F1L;

    private final ArrivalWindow window;
    private final long stream;

    /** The current window's draws. */
    private SplittableRandom draws;
    /** Arrivals of the window placed so far. */
    private long drawn;
    /** 1 − the last arrival's place in the window's count, as a fraction of it. */
    private double remaining;
    /** When the last arrival placed is due. */
    private long due;

    /**
     * @param base        the plan's schedule, whose count each window keeps
     * @param windowNanos the window W; {@link #WINDOW_NANOS} for a profile's {@code poisson}
     */
    public PoissonArrivals(RateSchedule base, long windowNanos, long seed, int shard) {
        this.window = new ArrivalWindow(base, windowNanos);
        this.stream = hash(hash(seed ^ SALT) ^ shard);
    }

    @Override
    public long dueNanos(long n) {
        if (!window.holds(n)) {
            if (!window.moveTo(n)) {
                return Long.MAX_VALUE;
            }
            restart();
        }
        long j = n - window.first();
        if (j < drawn - 1) {
            restart();
        }
        while (drawn <= j) {
            draw();
        }
        return due;
    }

    private void restart() {
        draws = new SplittableRandom(hash(stream ^ window.index()));
        drawn = 0;
        remaining = 1;
    }

    /** Places the window's next arrival: the least of the arrivals still to place, after the last. */
    private void draw() {
        double v = 1 - draws.nextDouble(); // on (0, 1]: V = 0 would put all later arrivals at the window's end
        remaining *= Math.pow(v, 1.0 / (window.count() - drawn));
        drawn++;
        due = window.dueAt(1 - remaining);
    }

    /** SplitMix64's finalizer (of {@code x} plus its increment): spreads every bit of {@code x} over the result. */
    private static long hash(long x) {
        return new SplittableRandom(x).nextLong();
    }
}
