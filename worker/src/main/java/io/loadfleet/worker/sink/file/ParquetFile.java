package io.loadfleet.worker.sink.file;

import io.loadfleet.worker.generate.GeneratedRecord;
import io.loadfleet.worker.sink.OutgoingRecord;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet file (Snappy) of the generator's Avro schema, written by parquet-avro without Hadoop
 * file systems. Records reach the file a row group at a time, so that is when they count as written.
 */
final class ParquetFile implements RecordFile {
    /**
     * Row groups are written whole, and only then are their records acknowledged: groups smaller
     * than Parquet's 128 MiB default keep acks close to sends, and are still large enough to scan well.
     */
    static final long ROW_GROUP_BYTES = 16L * 1024 * 1024;

    private final FileOutput out;
    private final ParquetWriter<GenericRecord> writer;
    /** One row reused for every record: the writer has taken its values once write returns. */
    private final GenericData.Record row;
    private long writtenPosition;

    private ParquetFile(FileOutput out, ParquetWriter<GenericRecord> writer, Schema schema) {
        this.out = out;
        this.writer = writer;
        this.row = new GenericData.Record(schema);
        this.writtenPosition = out.getPos();
    }

    static ParquetFile create(FileOutput out, Schema schema, long rollBytes) throws IOException {
        ParquetWriter<GenericRecord> writer;
        try {
            writer = AvroParquetWriter.<GenericRecord>builder(new StreamOutputFile(out))
                    .withConf(new PlainParquetConfiguration()) // no Hadoop configuration files to look for
                    .withDataModel(GenericData.get()) // otherwise it is looked up through a Hadoop Configuration
                    .withSchema(schema)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withRowGroupSize(Math.min(rollBytes, ROW_GROUP_BYTES))
                    .build();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new ParquetFile(out, writer, schema);
    }

    @Override
    public boolean write(OutgoingRecord record) throws IOException {
        GeneratedRecord r = record.record;
        for (int i = 0; i < r.size(); i++) {
            row.put(i, r.get(i));
        }
        writer.write(row);
        // The stream moves only when a finished row group is written out: then everything so far is in it.
        long position = out.getPos();
        if (position == writtenPosition) {
            return false;
        }
        out.flush();
        writtenPosition = position;
        return true;
    }

    @Override
    public boolean flushInPlace() {
        return false;
    }

    @Override
    public long size() {
        return writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            out.close();
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
