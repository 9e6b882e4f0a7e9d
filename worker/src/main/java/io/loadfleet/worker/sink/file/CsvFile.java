package io.loadfleet.worker.sink.file;

import io.loadfleet.worker.records.FieldKind;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.OutgoingRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Comma-separated values (RFC 4180 quoting by Commons CSV, lines ending in LF) with a header row
 * of the schema's field names. Timestamps are ISO-8601 UTC, as in the JSON format.
 */
final class CsvFile extends LineFile {
    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /** Each line is printed here first, so the file's size is known to the byte after every record. */
    private final StringBuilder line = new StringBuilder(512);

    private final CSVPrinter printer;
    private final Object[] values;

    CsvFile(FileOutput out, Schema schema) throws IOException {
        super(out);
        this.printer = new CSVPrinter(line, FORMAT);
        this.values = new Object[schema.getFields().size()];
        printer.printRecord(schema.getFields().stream().map(Schema.Field::name));
        writeLine();
    }

    @Override
    public void write(OutgoingRecord record) throws IOException {
        GeneratedRecord r = record.record;
        for (int i = 0; i < values.length; i++) {
            values[i] = r.kind(i) == FieldKind.TIMESTAMP_MILLIS && !r.isNull(i)
                    ? Instant.ofEpochMilli(r.getLong(i))
                    : r.get(i);
        }
        printer.printRecord(values);
        writeLine();
    }

    private void writeLine() throws IOException {
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
    }
}
