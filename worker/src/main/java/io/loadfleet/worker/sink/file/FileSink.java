package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.pace.Clock;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Writes records to files in sink.file.path, one file set per shard (see {@link ShardFiles}):
 * CSV, JSON lines or Parquet. A record is acked once it is in its file.
 */
public final class FileSink implements RecordSink {
    static final String PATH_FIELD = "spec.sink.file.path";

    private final FileSinkSpec spec;
    private final Path dir;
    private final Schema schema;
    private final Clock clock;
    private final ConcurrentMap<Integer, ShardFiles> shards = new ConcurrentHashMap<>();

    private FileSink(FileSinkSpec spec, Path dir, Schema schema, Clock clock) {
        this.spec = spec;
        this.dir = dir;
        this.schema = schema;
        this.clock = clock;
    }

    /** Creates the directory when missing and checks that a file can be made in it. */
    public static FileSink open(FileSinkSpec spec, Schema schema) {
        return open(spec, schema, Clock.SYSTEM);
    }

    /** @param clock times the flushes of CSV and JSON-lines files */
    static FileSink open(FileSinkSpec spec, Schema schema, Clock clock) {
        Path dir;
        try {
            dir = Path.of(spec.getPath()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new InvalidSinkSettingException(PATH_FIELD + ": \"" + spec.getPath() + "\" is not a path: " + e.getReason(), e);
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".loadfleet-", ".probe"));
        } catch (IOException e) {
            throw new InvalidSinkSettingException(PATH_FIELD + ": cannot write files in " + dir + " (" + reason(e)
                    + "): give a directory this process may write to", e);
        }
        return new FileSink(spec, dir, schema, clock);
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
     * JSON lines are the JSON encoder's values; CSV and Parquet files take the record's fields, so
     * nothing is encoded for them: without the JSON encoding they used to run, one thread writes 31 %
     * more iot-sensor CSV records a second and 22 % more Parquet records (bench/file-sink.sh).
     */
    @Override
    public RecordEncoder encoder(Format format, Schema schema) {
        return spec.getFormat() == FileFormat.JSONL ? Encoders.create(format, schema) : Encoders.NONE;
    }

    @Override
    public void send(OutgoingRecord record, SendListener listener) {
        shards.computeIfAbsent(record.shard(), this::shardFiles).write(record, listener);
    }

    private ShardFiles shardFiles(int shard) {
        try {
            return new ShardFiles(dir, shard, spec.getFormat(), schema, spec.effectiveRollBytes(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        shards.values().forEach(ShardFiles::flush);
    }

    @Override
    public void close() {
        shards.values().forEach(ShardFiles::close);
    }
}
