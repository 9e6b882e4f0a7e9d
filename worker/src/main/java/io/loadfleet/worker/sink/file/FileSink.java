package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SendListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * Writes records to files in sink.file.path, one file set per shard (see {@link ShardFiles}):
 * CSV, JSON lines or Parquet. A record is acked once it is in its file or, with sink.file.s3, once
 * its file is uploaded ({@link S3Uploads}). A timer does the flushes and time rolls of shards that
 * have stopped writing (paused, finished), so their last records are acked without waiting for a next one.
 */
public final class FileSink implements RecordSink {
    static final String PATH_FIELD = "spec.sink.file.path";

    /** How often the timer looks for flushes and rolls that are due: a fraction of the flush interval. */
    static final long TIMER_MILLIS = 200;

    private final FileSinkSpec spec;
    private final Path dir;
    private final Schema schema;
    private final Clock clock;
    private final FileDelivery delivery;
    private final ConcurrentMap<Integer, ShardFiles> shards = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    private FileSink(FileSinkSpec spec, Path dir, Schema schema, Clock clock, boolean timed, FileDelivery delivery) {
        this.spec = spec;
        this.dir = dir;
        this.schema = schema;
        this.clock = clock;
        this.delivery = delivery;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "file-sink-timer");
            thread.setDaemon(true);
            return thread;
        });
        if (timed) {
            timer.scheduleWithFixedDelay(this::flushDue, TIMER_MILLIS, TIMER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Reads sink.file.s3's key pair where a pod has its Secrets mounted. */
    public static FileSink open(FileSinkSpec spec, Schema schema) {
        return open(spec, schema, new SecretFiles(SecretFiles.DEFAULT_DIR));
    }

    /**
     * Creates the directory when missing and checks that a file can be made in it; with sink.file.s3,
     * connects to the store and checks its bucket.
     *
     * @param secrets where sink.file.s3's key pair is read from
     */
    public static FileSink open(FileSinkSpec spec, Schema schema, SecretFiles secrets) {
        Path dir = directory(spec);
        FileDelivery delivery = spec.getS3() == null
                ? FileDelivery.IN_PLACE
                : S3Uploads.open(spec.getS3(), secrets, UploadSettings.of(spec.effectiveRollBytes()), Clock.SYSTEM);
        return new FileSink(spec, dir, schema, Clock.SYSTEM, true, delivery);
    }

    /** Files kept in place, whatever the spec says of s3. */
    static FileSink open(FileSinkSpec spec, Schema schema, Clock clock, boolean timed) {
        return open(spec, schema, clock, timed, FileDelivery.IN_PLACE);
    }

    /**
     * @param clock    times the flushes and time rolls
     * @param timed    whether a timer calls {@link #flushDue()}; without it only writes do (tests call it themselves)
     * @param delivery what becomes of finished files
     */
    static FileSink open(FileSinkSpec spec, Schema schema, Clock clock, boolean timed, FileDelivery delivery) {
        return new FileSink(spec, directory(spec), schema, clock, timed, delivery);
    }

    /** The directory, created when missing, once a file could be made in it. */
    private static Path directory(FileSinkSpec spec) {
        Path dir;
        try {
            dir = Path.of(spec.getPath()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new InvalidSinkSettingException(
                    PATH_FIELD + ": \"" + spec.getPath() + "\" is not a path: " + e.getReason(), e);
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".loadfleet-", ".probe"));
        } catch (IOException e) {
            throw new InvalidSinkSettingException(
                    PATH_FIELD + ": cannot write files in " + dir + " (" + reason(e)
                            + "): give a directory this process may write to",
                    e);
        }
        return dir;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage();
    }

    /**
     * JSON lines are the JSON encoder's values, whatever spec.format gives the topics beside them; CSV and
     * Parquet files take the record's fields, so nothing is encoded for them: a JSON encoding they would throw
     * away cost a measurable share of a file sink's thread (BENCHMARKS.md, File sinks).
     */
    @Override
    public RecordEncoder encoder(Format format, Schema schema) {
        return spec.getFormat() == FileFormat.JSONL ? Encoders.create(Format.JSON, schema) : Encoders.NONE;
    }

    /** JSON lines share a JSON topic's values; CSV and Parquet files take none. */
    @Override
    public boolean sendsPlainValues(Format format) {
        return spec.getFormat() == FileFormat.JSONL && format == Format.JSON;
    }

    @Override
    public void send(OutgoingRecord record, SendListener listener) {
        ShardFiles files = shards.computeIfAbsent(record.shard(), this::shardFiles);
        if (closed) {
            files.close(); // a shard first seen while the sink was closing: nothing else would close it
        }
        files.write(record, listener);
    }

    private ShardFiles shardFiles(int shard) {
        try {
            return new ShardFiles(
                    dir,
                    shard,
                    spec.getFormat(),
                    schema,
                    spec.effectiveRollBytes(),
                    TimeUnit.SECONDS.toNanos(spec.effectiveRollSeconds()),
                    clock,
                    delivery);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Flushes and rolls what the clock says is due, in shards that may have stopped writing. A shard's
     * failures go to its records; anything else is reported here, as an exception would end the timer.
     */
    void flushDue() {
        for (ShardFiles files : shards.values()) {
            try {
                files.flushIfDue();
            } catch (RuntimeException | LinkageError e) {
                System.err.println("file sink: timed flush of " + files + " failed: " + e);
            }
        }
    }

    /**
     * Records in their files or the files' buffers, acked or not yet (until the next flush, a Parquet file's
     * end, or with s3 their file's upload).
     */
    @Override
    public OptionalLong written() {
        long written = 0;
        for (ShardFiles files : shards.values()) {
            written += files.written();
        }
        return OptionalLong.of(written);
    }

    /** Puts the records written so far where they are acked, and waits for their files' uploads. */
    @Override
    public void flush() {
        shards.values().forEach(ShardFiles::flush);
        delivery.awaitDelivered();
    }

    /** Ends every shard's file and waits for its delivery (an upload: at most its retry window); records sent after this fail. */
    @Override
    public void close() {
        closed = true;
        // not shutdownNow: interrupting a flush under way would close its file's channel under it
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shards.values().forEach(ShardFiles::close);
        delivery.close();
    }
}
