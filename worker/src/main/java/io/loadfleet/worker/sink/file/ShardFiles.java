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
 * (nothing is overwritten). A record is acknowledged only once it is in its file: at a flush
 * (CSV and JSON lines, every second), and when its file ends (Parquet, whose files can be read only
 * then). A failed write fails every record not yet acknowledged, leaves the file as its last good
 * flush left it, and the next record starts a new file.
 */
final class ShardFiles {
    /** How often CSV and JSON-lines buffers go to the file, so acks trail sends by about this much. */
    static final long FLUSH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path dir;
    private final String prefix;
    private final FileFormat format;
    private final Schema schema;
    private final long rollBytes;
    private final long rollNanos;
    private final Clock clock;
    private int nextIndex;
    private RecordFile current;
    private Path currentPath;
    private long openedNanos;
    private long lastFlushNanos;
    /** The records written but not yet in the file. */
    private final PendingRecords pending = new PendingRecords();
    /** Records written, cumulative: updated under the lock, read without it for the worker's status. */
    private volatile long written;

    private boolean closed;

    ShardFiles(Path dir, int shard, FileFormat format, Schema schema, long rollBytes, long rollNanos, Clock clock)
            throws IOException {
        this.dir = dir;
        this.prefix = String.format(Locale.ROOT, "shard-%04d-", shard);
        this.format = format;
        this.schema = schema;
        this.rollBytes = rollBytes;
        this.rollNanos = rollNanos;
        this.clock = clock;
        this.nextIndex = firstFreeIndex();
    }

    synchronized void write(OutgoingRecord record, SendListener listener) {
        if (closed) {
            listener.failed(
                    record.intendedNanos, record.sequence, new IllegalStateException("the file sink is closed"));
            return;
        }
        pending.add(record.intendedNanos, record.sequence, listener);
        try {
            if (current == null) {
                currentPath =
                        dir.resolve(String.format(Locale.ROOT, "%s%05d.%s", prefix, nextIndex++, format.extension()));
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
     * their last flush. Called after each write and, for shards that have stopped writing (paused,
     * finished, between stages at rate 0), by the sink's timer.
     */
    synchronized void flushIfDue() {
        onOpenFile(() -> {
            long now = clock.nanoTime();
            if (now - openedNanos >= rollNanos) {
                endFile();
            } else if (pending.count() > 0 && now - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
                lastFlushNanos = now;
                if (current.flushInPlace()) {
                    ackPending();
                }
            }
        });
    }

    /** Puts every record written so far into its file, ending the file when its format cannot flush otherwise. */
    synchronized void flush() {
        onOpenFile(() -> {
            if (current.flushInPlace()) {
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

    private void endFile() throws IOException {
        current.close();
        current = null;
        ackPending();
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
