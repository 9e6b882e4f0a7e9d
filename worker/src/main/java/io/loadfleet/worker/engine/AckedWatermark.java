package io.loadfleet.worker.engine;

import io.loadfleet.api.control.StreamAcks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run's acked watermark ({@link StreamAcks}): how far its sequences have settled without a gap,
 * told by the sink's I/O threads (one for Kafka, possibly several for Pulsar) and read by the pod's
 * status. Acks come out of order (a batch per partition) but within a window, so the settled
 * sequences are bits in a ring of 64-bit words that starts at the frontier, the first word not yet
 * complete. A settle sets its bit with one atomic OR and never waits: the thread that completes the
 * frontier's word moves the frontier past every complete word, and clears each segment of the ring it
 * leaves for the sequences a ring's length on, under a lock it only tries (whoever holds it looks again
 * once it lets go, so no completed word is left behind). The ring is made of segments that keep their identity when it
 * grows (a settle beyond it doubles it), so a settle that read the ring before it grew still sets its
 * bit where the grown ring has it.
 *
 * <p>Failures are listed under this object's lock (rare; at most {@link StreamAcks#MAX_FAILED}): the
 * first ones to arrive settle; a failure beyond them never does, so {@code through} stays below it,
 * and sequences above it are not tracked at all.
 *
 * <p>Memory: the ring is 8 KiB (65,536 sequences ahead of the frontier) and grows only when acks run
 * further ahead of the oldest unsettled record than that (one bit a record: 8 MiB holds 64 million);
 * it does not shrink. Cost: about 11 ns a record and nothing
 * allocated, in order or each ack up to 1,000 places from its own (AckedWatermarkBenchmark, one thread,
 * 2 vCPU Intel Xeon, 12.1 ± 0.6 and 10.5 ± 0.2 ns; BENCHMARKS.md): about 0.1 % of a pod's CPU per message
 * sent to Kafka.
 */
public final class AckedWatermark {
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
    /** Words of a segment, as a shift: 64 words, 4,096 sequences, 512 bytes. */
    private static final int SEGMENT_SHIFT = 6;

    private static final int SEGMENT_WORDS = 1 << SEGMENT_SHIFT;
    private static final int INITIAL_SEGMENTS = 16;

    private final int shard;
    private final long epoch;
    private final long first;

    /**
     * The settled bits: bit b of word w is sequence {@code first + 64w + b}; word w lives in segment
     * {@code w / 64}, found at that number modulo the ring's length (a power of two).
     */
    private volatile long[][] segments;
    /** Every word below it is complete; written only under {@link #sweeper}. */
    private volatile long frontier;
    /**
     * The ring holds segments [windowStart, windowStart + its length): the first one not cleared yet, which is the
     * frontier's but for a moment under the lock. A segment is cleared only once the frontier has left it, so a
     * snapshot that finds the frontier unchanged after reading its word read the word as the settles left it.
     */
    private volatile long windowStart;
    /** Held to move the frontier or grow the ring. */
    private final ReentrantLock sweeper = new ReentrantLock();

    /** The failures listed, in the order they came; under this object's lock. */
    private long[] failed = new long[16];

    private int failedCount;
    /** The lowest failure not listed, which never settles; {@link Long#MAX_VALUE} while there is none. */
    private volatile long heldAt = Long.MAX_VALUE;

    /** @param first the run's first sequence: every sequence settled is at or above it */
    public AckedWatermark(int shard, long epoch, long first) {
        this.shard = shard;
        this.epoch = epoch;
        this.first = first;
        long[][] ring = new long[INITIAL_SEGMENTS][];
        Arrays.setAll(ring, i -> new long[SEGMENT_WORDS]);
        this.segments = ring;
    }

    /** How the send of {@code sequence} ended; once per sequence, from any thread. */
    public void settle(long sequence, boolean acked) {
        if (sequence >= heldAt || !acked && !listFailure(sequence)) {
            return;
        }
        long index = sequence - first;
        long word = index >>> 6;
        long segment = word >>> SEGMENT_SHIFT;
        // The window before the ring: any ring read after it holds the segments from this start on at their numbers.
        long start = windowStart;
        long[][] ring = segments;
        if (segment - start >= ring.length) {
            ring = grow(segment);
        }
        long bit = 1L << index;
        long before = (long) WORD.getAndBitwiseOr(segment(ring, segment), wordIn(word), bit);
        if ((before | bit) == -1L && word == frontier) {
            sweep();
        }
    }

    /** The watermark now: every sequence in [first, through] has settled, and the failed ones among them. */
    public synchronized StreamAcks snapshot() {
        long through = first - 1 + settledFromFirst();
        List<Long> failures = new ArrayList<>();
        for (int i = 0; i < failedCount; i++) {
            if (failed[i] <= through) {
                failures.add(failed[i]);
            }
        }
        failures.sort(null);
        return new StreamAcks(shard, epoch, first, through, failures);
    }

    /** How many sequences from first on have settled without a gap. */
    private long settledFromFirst() {
        while (true) {
            long word = frontier;
            long bits = wordAt(word);
            if (frontier == word) { // else its segment may have been cleared for reuse meanwhile
                return (word << 6) + Long.numberOfTrailingZeros(~bits);
            }
        }
    }

    /** Lists a failure, unless the list is full: then it never settles and holds the watermark below it. */
    private synchronized boolean listFailure(long sequence) {
        if (failedCount < StreamAcks.MAX_FAILED) {
            if (failedCount == failed.length) {
                failed = Arrays.copyOf(failed, Math.min(2 * failedCount, StreamAcks.MAX_FAILED));
            }
            failed[failedCount++] = sequence;
            return true;
        }
        heldAt = Math.min(heldAt, sequence);
        return false;
    }

    /** Moves the frontier past the complete words; gives up at once while another thread does. */
    private void sweep() {
        do {
            if (!sweeper.tryLock()) {
                return;
            }
            try {
                long[][] ring = segments;
                for (long word = frontier; wordAt(ring, word) == -1L; word++) {
                    frontier = word + 1;
                    if (wordIn(word + 1) == 0) { // left a segment: clear it for the one a ring's length on
                        long[] left = segment(ring, word >>> SEGMENT_SHIFT);
                        for (int i = 0; i < SEGMENT_WORDS; i++) {
                            WORD.setVolatile(left, i, 0L);
                        }
                        windowStart = (word + 1) >>> SEGMENT_SHIFT;
                    }
                }
            } finally {
                sweeper.unlock();
            }
            // A word completed at the frontier while the lock was held: its completer gave up on the lock.
        } while (wordAt(frontier) == -1L);
    }

    /** A ring with room for {@code segment}: its segments keep their numbers, and the new ones are empty. */
    private long[][] grow(long segment) {
        long[][] ring;
        sweeper.lock();
        try {
            ring = segments;
            long base = windowStart;
            int length = ring.length;
            while (segment - base >= length) {
                length *= 2;
            }
            if (length > ring.length) {
                long[][] grown = new long[length][];
                for (long g = base; g < base + length; g++) {
                    grown[slot(g, length)] =
                            g < base + ring.length ? ring[slot(g, ring.length)] : new long[SEGMENT_WORDS];
                }
                segments = grown;
                ring = grown;
            }
        } finally {
            sweeper.unlock();
        }
        sweep(); // a word may have completed at the frontier while the lock was held
        return ring;
    }

    private long wordAt(long word) {
        return wordAt(segments, word);
    }

    private static long wordAt(long[][] ring, long word) {
        return (long) WORD.getVolatile(segment(ring, word >>> SEGMENT_SHIFT), wordIn(word));
    }

    private static long[] segment(long[][] ring, long segment) {
        return ring[slot(segment, ring.length)];
    }

    private static int slot(long segment, int length) {
        return (int) (segment & (length - 1));
    }

    private static int wordIn(long word) {
        return (int) (word & (SEGMENT_WORDS - 1));
    }
}
