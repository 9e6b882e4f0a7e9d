package io.loadfleet.worker.verify;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that reads a {@link PartitionSource} into a {@link LiveAudit}, and between two reads runs
 * what other threads ask of them ({@link #call}): so a caller sees the ledger and the positions as one
 * state, never halfway through a batch, and the source's client is only ever used by this thread. A record
 * the audit could not take (a schema registry that did not answer) is kept and handed again first, so
 * nothing read is skipped; the failure is the {@link #problem} until a read goes through again.
 */
final class AuditLoop implements AutoCloseable {
    /**
     * How long it waits for a record or a call when a read found nothing: it adds up to this much to the
     * end-to-end latency it measures, and costs a read of the source this often while the topic is quiet.
     */
    private static final long IDLE_MILLIS = 5;
    /** How long it pauses reading (still answering calls) after a failure. */
    private static final long PAUSE_MILLIS = 1000;

    private final PartitionSource source;
    private final LiveAudit audit;
    private final BlockingQueue<FutureTask<?>> calls = new LinkedBlockingQueue<>();
    private final ArrayDeque<ConsumedRecord> held = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile String problem;
    private volatile LiveAudit.Totals totals = LiveAudit.Totals.NONE;

    /** Starts reading the partitions {@code source} reads; it closes the source when it ends. */
    AuditLoop(PartitionSource source, LiveAudit audit, String threadName) {
        this.source = source;
        this.audit = audit;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code task} on the loop's thread between two reads and returns what it returned.
     *
     * @throws IllegalStateException when the loop has ended
     */
    <T> T call(Callable<T> task) {
        FutureTask<T> call = new FutureTask<>(task);
        calls.add(call);
        if (closed) {
            call.cancel(false); // the loop may have ended before it: it would wait forever
        }
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("the verifier has stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the verifier", e);
        }
    }

    /** Why the last read failed, in one line; null once a read went through. */
    String problem() {
        return problem;
    }

    /** The audit's totals after the last read, for any thread. */
    LiveAudit.Totals totals() {
        return totals;
    }

    private void run() {
        try {
            while (!closed) {
                runCalls(0);
                try {
                    // nothing new is read while records wait to be counted: they go first, and do not pile up
                    if (!feed(held.isEmpty() ? source.read() : List.of())) {
                        runCalls(IDLE_MILLIS);
                    }
                    problem = null;
                } catch (RuntimeException e) { // the broker (a SinkException) or the value check's registry
                    problem = e.getMessage();
                    runCalls(PAUSE_MILLIS);
                }
                totals = audit.totals();
            }
        } finally {
            source.close();
            calls.forEach(call -> call.cancel(false));
        }
    }

    /** Hands the held records, then {@code read}, to the audit; whether there were any. */
    private boolean feed(List<ConsumedRecord> read) {
        held.addAll(read);
        boolean any = !held.isEmpty();
        while (!held.isEmpty()) {
            ConsumedRecord next = held.peek();
            if (source.reads(next.partition())) { // a partition let go of meanwhile is its successor's
                audit.accept(next);
            }
            held.remove();
        }
        return any;
    }

    /** Runs the calls waiting, waiting up to {@code millis} for the first. */
    private void runCalls(long millis) {
        try {
            FutureTask<?> call = millis == 0 ? calls.poll() : calls.poll(millis, TimeUnit.MILLISECONDS);
            for (; call != null; call = calls.poll()) {
                call.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops reading, once the call or read under way is done, and closes the source. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
