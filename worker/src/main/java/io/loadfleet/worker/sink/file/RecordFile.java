package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.worker.sink.OutgoingRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;

/** One open file of a shard's file set, in one format. Used by one thread at a time. */
interface RecordFile extends Closeable {

    /** Creates {@code path} (never overwriting a file) and writes what precedes the records, e.g. a CSV header. */
    static RecordFile create(FileFormat format, Path path, Schema schema, long rollBytes) throws IOException {
        return switch (format) {
            case CSV -> new CsvFile(FileOutput.create(path), schema);
            case JSONL -> new JsonLinesFile(FileOutput.create(path));
            case PARQUET -> ParquetFile.create(path, schema, rollBytes);
        };
    }

    /** Adds the record: buffered until the next {@link #flushInPlace} or {@link #close}. */
    void write(OutgoingRecord record) throws IOException;

    /**
     * Puts every buffered record into the file and returns true, or returns false without doing
     * anything when the format can do that only by ending the file (Parquet).
     */
    boolean flushInPlace() throws IOException;

    /** Bytes of the file, counting those still buffered for it. */
    long size();

    /** Finishes the file (Parquet: its footer) and forces it to the disk. */
    @Override
    void close() throws IOException;

    /**
     * After a failed write: keeps only what earlier flushes put in the file (Parquet: nothing, as
     * a file without its footer cannot be read) and closes it.
     */
    void abandon() throws IOException;
}
