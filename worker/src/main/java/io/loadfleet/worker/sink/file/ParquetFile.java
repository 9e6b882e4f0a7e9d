package io.loadfleet.worker.sink.file;

import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.OutgoingRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet file (Snappy) of the generator's Avro schema, written by parquet-avro without Hadoop
 * file systems. Nested records become groups, maps Parquet's MAP groups, and arrays Parquet's
 * standard three-level LIST ({@code list.element}), which Spark, Trino and DuckDB read, rather
 * than parquet-avro's default two-level form. A Parquet file can be read only once its footer is written, so it is written as
 * {@code NAME.inprogress} and renamed to {@code NAME} when finished, and only then do its records
 * count as written: readers of the directory never see a file they cannot open.
 */
final class ParquetFile implements RecordFile {
    static final String IN_PROGRESS = ".inprogress";
    /** Row groups smaller than Parquet's 128 MiB default bound the memory a shard's open file takes, and still scan well. */
    static final long ROW_GROUP_BYTES = 16L * 1024 * 1024;

    private final FileOutput out;
    private final Path finished;
    private final ParquetWriter<GenericRecord> writer;
    /** One row reused for every record: the writer has taken its values once write returns. */
    private final GenericData.Record row;

    private ParquetFile(FileOutput out, Path finished, ParquetWriter<GenericRecord> writer, Schema schema) {
        this.out = out;
        this.finished = finished;
        this.writer = writer;
        this.row = new GenericData.Record(schema);
    }

    /** Starts {@code path}.inprogress. */
    static ParquetFile create(Path path, Schema schema, long rollBytes) throws IOException {
        FileOutput out = FileOutput.create(path.resolveSibling(path.getFileName() + IN_PROGRESS));
        ParquetWriter<GenericRecord> writer;
        try {
            writer = AvroParquetWriter.<GenericRecord>builder(new StreamOutputFile(out))
                    .withConf(new PlainParquetConfiguration(
                            // no Hadoop configuration files to look for
                            Map.of(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false")))
                    .withDataModel(GenericData.get()) // otherwise it is looked up through a Hadoop Configuration
                    .withSchema(schema)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withRowGroupSize(Math.min(rollBytes, ROW_GROUP_BYTES))
                    .build();
        } catch (IOException | RuntimeException e) {
            out.close();
            Files.deleteIfExists(out.path());
            throw e;
        }
        return new ParquetFile(out, path, writer, schema);
    }

    @Override
    public void write(OutgoingRecord record) throws IOException {
        GeneratedRecord r = record.record;
        for (int i = 0; i < r.size(); i++) {
            row.put(i, r.get(i));
        }
        writer.write(row);
    }

    @Override
    public boolean flushInPlace() {
        return false;
    }

    @Override
    public long size() {
        return writer.getDataSize();
    }

    /**
     * Writes the footer, forces the file to the disk and gives it its final name, a rename in the
     * same directory that fails rather than replace a file of that name made meanwhile.
     */
    @Override
    public void close() throws IOException {
        writer.close();
        out.close();
        Files.move(out.path(), finished);
    }

    /** Full row groups may be in the file, but without its footer nothing can read them: it is removed. */
    @Override
    public void abandon() throws IOException {
        try {
            out.abandon();
        } finally {
            Files.deleteIfExists(out.path());
        }
    }

    /** Hands Parquet the stream this file already opened, so the file can watch its position. */
    private record StreamOutputFile(FileOutput out) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return out;
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return out;
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return out.path().toString();
        }
    }
}
