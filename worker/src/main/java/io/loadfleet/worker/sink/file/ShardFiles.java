package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.SendListener;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * The files of one shard, {@code shard-SSSS-NNNNN.EXT}: a new one once the current one has
 * reached rollBytes or has been open rollSeconds, numbered on after any that are already there
 * (nothing is overwritten). A finished file goes to its {@link FileDelivery}. A record is
 * acknowledged only once it is where it is delivered: kept in place, once it is in its file, at a
 * flush (CSV and JSON lines, every second) or when its file ends (Parquet, whose files can be read
 * only then); uploaded, once its file's upload has succeeded. A failed write fails every record not
 * yet acknowledged, leaves the file as its last good flush left it, and the next record starts a new file.
 */
final class ShardFiles {
    /** How often CSV and JSON-lines buffers go to the file, so acks trail sends by about this much. */
    static final long FLUSH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path dir;
    private final int shard;
    private final String prefix;
    private final FileFormat format;
    private final Schema schema;
    private final long rollBytes;
    private final long rollNanos;
    private final Clock clock;
    private final FileDelivery delivery;
    private final boolean acksAtFlush;
    private final boolean onePerEpoch;
    private int nextIndex;
    private RecordFile current;
    private Path currentPath;
    private int currentIndex;
    /** The profile of the current file's records. */
    private String currentProfile;
    /** The epoch of the current file's first record; of all its records when its delivery wants one epoch a file. */
    private String currentEpoch;

    private long openedNanos;
    private long lastFlushNanos;
    /** The current file's records not yet acked; handed over with the file when it is finished. */
    private PendingRecords pending = new PendingRecords();
    /** Records written, cumulative: updated under the lock, read without it for the worker's status. */
    private volatile long written;

    private boolean closed;

    ShardFiles(
            Path dir,
            int shard,
            FileFormat format,
            Schema schema,
            long rollBytes,
            long rollNanos,
            Clock clock,
            FileDelivery delivery)
            throws IOException {
        this.dir = dir;
        this.shard = shard;
        this.prefix = String.format(Locale.ROOT, "shard-%04d-", shard);
        this.format = format;
        this.schema = schema;
        this.rollBytes = rollBytes;
        this.rollNanos = rollNanos;
        this.clock = clock;
        this.delivery = delivery;
        this.acksAtFlush = delivery.acksAtFlush();
        this.onePerEpoch = delivery.onePerEpoch();
        this.nextIndex = firstFreeIndex();
    }

    synchronized void write(OutgoingRecord record, SendListener listener) {
        if (closed) {
            listener.failed(
                    record.intendedNanos, record.sequence, new IllegalStateException("the file sink is closed"));
            return;
        }
        if (onePerEpoch && current != null && !record.epochText().equals(currentEpoch)) {
            onOpenFile(this::endFile); // a live rate change: the file's name says one epoch
        }
        pending.add(record.intendedNanos, record.sequence, listener);
        try {
            if (current == null) {
                currentIndex = nextIndex++;
                currentPath =
                        dir.resolve(String.format(Locale.ROOT, "%s%05d.%s", prefix, currentIndex, format.extension()));
                currentProfile = record.profileText();
                currentEpoch = record.epochText();
                current = RecordFile.create(format, currentPath, schema, rollBytes);
                openedNanos = clock.nanoTime();
                lastFlushNanos = openedNanos;
            }
            current.write(record);
            written++;
            if (current.size() >= rollBytes) {
                endFile();
            } else {
                flushIfDue();
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            failPending(e);
        }
    }

    /**
     * What the clock asks for: ends a file open rollSeconds, flushes line files a second after
     * their last flush (when that acks their records). Called after each write and, for shards that
     * have stopped writing (paused, finished, between stages at rate 0), by the sink's timer.
     */
    synchronized void flushIfDue() {
        onOpenFile(() -> {
            long now = clock.nanoTime();
            if (now - openedNanos >= rollNanos) {
                endFile();
            } else if (acksAtFlush && pending.count() > 0 && now - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
                lastFlushNanos = now;
                if (current.flushInPlace()) {
                    ackPending();
                }
            }
        });
    }

    /**
     * Puts every record written so far where it is acked: into its file, ending the file when its format
     * cannot flush otherwise or only its delivery acks it.
     */
    synchronized void flush() {
        onOpenFile(() -> {
            if (acksAtFlush && current.flushInPlace()) {
                ackPending();
            } else {
                endFile();
            }
        });
    }

    /** Ends the current file; records written after this fail. */
    synchronized void close() {
        closed = true;
        onOpenFile(this::endFile);
    }

    private interface FileStep {
        void run() throws IOException;
    }

    /** Does {@code step} when a file is open; a failure fails the records not yet acked. Under the lock. */
    private void onOpenFile(FileStep step) {
        if (current == null) {
            return;
        }
        try {
            step.run();
        } catch (IOException | RuntimeException | LinkageError e) {
            failPending(e);
        }
    }

    long written() {
        return written;
    }

    /** Finishes the current file and hands it over with its records, which the next file's do not join. */
    private void endFile() throws IOException {
        current.close();
        current = null;
        PendingRecords records = pending;
        pending = new PendingRecords();
        delivery.deliver(
                new FinishedFile(currentPath, format, currentProfile, shard, currentEpoch, currentIndex), records);
    }

    private void ackPending() {
        pending.ackAll();
    }

    private void failPending(Throwable cause) {
        IOException error = new IOException("cannot write " + currentPath + ": " + cause.getMessage(), cause);
        if (current != null) {
            try {
                current.abandon();
            } catch (IOException | RuntimeException alsoBroken) {
                error.addSuppressed(alsoBroken);
            }
            current = null;
        }
        pending.failAll(error);
    }

    @Override
    public String toString() {
        return dir.resolve(prefix + "*." + format.extension()).toString();
    }

    /** One past the highest roll index of this shard's files already in the directory, finished or not. */
    private int firstFreeIndex() throws IOException {
        String suffix = "." + format.extension();
        int next = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*" + suffix + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String index = name.substring(prefix.length(), name.indexOf(suffix, prefix.length()));
                if (index.matches("\\d{1,9}")) {
                    next = Math.max(next, Integer.parseInt(index) + 1);
                }
            }
        }
        return next;
    }
}
