package io.loadfleet.worker.pace;

/** Time as the pacer sees it; injected so tests can drive the schedule exactly. */
public interface Clock {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock epoch milliseconds, as {@link System#currentTimeMillis()}. */
    long epochMillis();

    /** Blocks until {@link #nanoTime()} reaches {@code deadline}, or the thread is interrupted. */
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
            // parkNanos may return early (spurious wake-ups): loop until the deadline.
            for (long wait = deadline - System.nanoTime(); wait > 0 && !Thread.currentThread().isInterrupted();
                    wait = deadline - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    };
}
