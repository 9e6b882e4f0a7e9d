package io.loadfleet.worker.sink.file;

import io.loadfleet.api.schema.CsvColumns;
import io.loadfleet.worker.records.FieldKind;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.records.ScalarValues;
import io.loadfleet.worker.sink.OutgoingRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Comma-separated values (RFC 4180 quoting by Commons CSV, lines ending in LF) with a header row
 * of the schema's field names. Timestamps are ISO-8601 UTC, as in the JSON format, and other single
 * values of a user's schema are the text {@link ScalarValues} gives (decimals in plain notation).
 * Records with nested fields are refused before a file is made ({@link CsvColumns}).
 */
final class CsvFile extends LineFile {
    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /** Each line is printed here first, so the file's size is known to the byte after every record. */
    private final StringBuilder line = new StringBuilder(512);

    private final CSVPrinter printer;
    private final Object[] values;
    private final Schema[] types;

    CsvFile(FileOutput out, Schema schema) throws IOException {
        super(out);
        this.printer = new CSVPrinter(line, FORMAT);
        this.values = new Object[schema.getFields().size()];
        this.types = schema.getFields().stream().map(Schema.Field::schema).toArray(Schema[]::new);
        printer.printRecord(schema.getFields().stream().map(Schema.Field::name));
        writeLine();
    }

    @Override
    public void write(OutgoingRecord record) throws IOException {
        GeneratedRecord r = record.record;
        for (int i = 0; i < values.length; i++) {
            if (r.isNull(i)) {
                values[i] = null;
            } else if (r.kind(i) == FieldKind.TIMESTAMP_MILLIS) {
                values[i] = Instant.ofEpochMilli(r.getLong(i));
            } else if (r.kind(i) == FieldKind.GENERIC) {
                Object v = r.getGeneric(i);
                Object shown = ScalarValues.readable(ScalarValues.branch(types[i], v), v);
                values[i] = shown instanceof BigDecimal d ? d.toPlainString() : shown;
            } else {
                values[i] = r.get(i);
            }
        }
        printer.printRecord(values);
        writeLine();
    }

    private void writeLine() throws IOException {
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
    }
}
