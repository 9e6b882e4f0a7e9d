package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.SendListener;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * The files of one shard, {@code shard-SSSS-NNNNN.EXT}: a new one once the current one has
 * reached rollBytes, numbered on after any that are already there (nothing is overwritten).
 * A record is acknowledged only once it is in its file: at a flush (every second for CSV and
 * JSON lines, at each row group for Parquet), at a roll and at close. A failed write fails every
 * record not yet acknowledged, and the next record starts a new file.
 */
final class ShardFiles {
    /** How often CSV and JSON-lines buffers go to the file, so acks trail sends by about this much. */
    static final long FLUSH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path dir;
    private final String prefix;
    private final FileFormat format;
    private final Schema schema;
    private final long rollBytes;
    private final Clock clock;
    private int nextIndex;
    private RecordFile current;
    private Path currentPath;
    private long lastFlushNanos;
    /** Intended send times of the records written but not yet in the file. */
    private long[] pending = new long[1024];
    private int pendingCount;
    private SendListener listener;

    ShardFiles(Path dir, int shard, FileFormat format, Schema schema, long rollBytes, Clock clock) throws IOException {
        this.dir = dir;
        this.prefix = String.format(Locale.ROOT, "shard-%04d-", shard);
        this.format = format;
        this.schema = schema;
        this.rollBytes = rollBytes;
        this.clock = clock;
        this.nextIndex = firstFreeIndex();
    }

    synchronized void write(OutgoingRecord record, SendListener listener) {
        this.listener = listener;
        addPending(record.intendedNanos);
        try {
            if (current == null) {
                currentPath = dir.resolve(String.format(Locale.ROOT, "%s%05d.%s", prefix, nextIndex++, format.extension()));
                current = RecordFile.create(format, currentPath, schema, rollBytes);
                lastFlushNanos = clock.nanoTime();
            }
            boolean inFile = current.write(record);
            if (current.size() >= rollBytes) {
                closeFile();
            } else if (inFile) {
                ackPending();
            } else if (clock.nanoTime() - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
                lastFlushNanos = clock.nanoTime();
                if (current.flushInPlace()) {
                    ackPending();
                }
            }
        } catch (IOException | RuntimeException e) {
            failPending(e);
        }
    }

    /** Puts every record written so far into its file, ending the file when its format cannot flush otherwise. */
    synchronized void flush() {
        if (current == null) {
            return;
        }
        try {
            if (current.flushInPlace()) {
                ackPending();
            } else {
                closeFile();
            }
        } catch (IOException | RuntimeException e) {
            failPending(e);
        }
    }

    synchronized void close() {
        if (current == null) {
            return;
        }
        try {
            closeFile();
        } catch (IOException | RuntimeException e) {
            failPending(e);
        }
    }

    private void closeFile() throws IOException {
        RecordFile file = current;
        current = null;
        file.close();
        ackPending();
    }

    private void addPending(long intendedNanos) {
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = intendedNanos;
    }

    private void ackPending() {
        for (int i = 0; i < pendingCount; i++) {
            listener.acked(pending[i]);
        }
        pendingCount = 0;
    }

    private void failPending(Exception cause) {
        IOException error = new IOException("cannot write " + currentPath + ": " + cause.getMessage(), cause);
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException alsoBroken) {
                error.addSuppressed(alsoBroken);
            }
            current = null;
        }
        for (int i = 0; i < pendingCount; i++) {
            listener.failed(pending[i], error);
        }
        pendingCount = 0;
    }

    /** One past the highest roll index of this shard's files already in the directory. */
    private int firstFreeIndex() throws IOException {
        String suffix = "." + format.extension();
        int next = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*" + suffix)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String index = name.substring(prefix.length(), name.length() - suffix.length());
                if (index.matches("\\d{1,9}")) {
                    next = Math.max(next, Integer.parseInt(index) + 1);
                }
            }
        }
        return next;
    }
}
