package io.loadfleet.worker.pace;

/** Time as the pacer sees it; injected so tests can drive the schedule exactly. */
public interface Clock {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock epoch milliseconds, as {@link System#currentTimeMillis()}. */
    long epochMillis();

    /**
     * Blocks until {@link #nanoTime()} reaches {@code deadline}, or less when the thread is
     * unparked or wakes spuriously: callers loop and re-check their own conditions.
     */
    void parkUntil(long deadline);

    /** The real clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void parkUntil(long deadline) {
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    };
}
