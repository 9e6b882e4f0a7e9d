package io.loadfleet.worker.generate.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a CSV dataset (RFC 4180, with a header row) through Commons CSV. */
final class CsvRows {
    /**
     * Blank and repeated names in the header are allowed (columns not declared are ignored); blank lines
     * come through as records so line numbers stay right, and are skipped below.
     */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .setIgnoreEmptyLines(false)
            .get();

    private CsvRows() {}

    static void read(InputStream in, RowChecker checker) throws IOException {
        Reader reader = DatasetSources.utf8(in);
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<Integer> indexes = new ArrayList<>();
            for (Column column : checker.columns()) {
                Integer index = header.get(column.name());
                if (index == null) {
                    throw checker.unusable(
                            "has no column " + column.name() + " in its header row (found " + parser.getHeaderNames()
                                    + "): name it in the file, or fix spec.generator.dataset.columns");
                }
                indexes.add(index);
            }
            int width = parser.getHeaderNames().size();
            long line = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record : parser) {
                if (record.size() == 1 && record.get(0).isEmpty() && width > 1) {
                    // a blank line
                } else if (record.size() != width) {
                    checker.badRow(line, "has " + record.size() + " cells, the header " + width);
                } else {
                    checker.row(line, (i, column) -> column.parseText(record.get(indexes.get(i))));
                }
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
