package io.loadfleet.worker.generate.dataset;

import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.apache.avro.Schema;

/**
 * Takes the rows a reader parses, keeps those that match the declared columns, and remembers the
 * line number and reason of each that does not: a dataset with bad rows is refused as a whole, so
 * nothing is silently dropped.
 */
final class RowChecker {
    /** How many bad rows an error message lists; the rest are counted. */
    static final int LISTED = 10;

    private final DatasetSpec spec;
    private final List<Column> columns = new ArrayList<>();
    private final List<String> bad = new ArrayList<>();
    private final Object[] values;
    private int badRows;
    private int rows;

    RowChecker(DatasetSpec spec) {
        this.spec = spec;
        spec.getColumns().forEach(c -> columns.add(new Column(c)));
        values = new Object[columns.size()];
    }

    List<Column> columns() {
        return columns;
    }

    /**
     * Checks one row: {@code parse} turns a column (by index) into its value, or throws
     * IllegalArgumentException saying why it does not fit.
     */
    void row(long line, BiFunction<Integer, Column, Object> parse) {
        for (int i = 0; i < columns.size(); i++) {
            try {
                values[i] = parse.apply(i, columns.get(i));
            } catch (IllegalArgumentException e) {
                badRow(line, "column " + columns.get(i).name() + " " + e.getMessage());
                return;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).add(values[i]);
        }
        rows++;
    }

    /** A line that is not a row at all (malformed JSON, a CSV row of the wrong width). */
    void badRow(long line, String why) {
        badRows++;
        if (bad.size() < LISTED) {
            bad.add("line " + line + ": " + why);
        }
    }

    /** A problem with the file as a whole, such as a missing header column. */
    GeneratorInputException unusable(String why) {
        return new GeneratorInputException(DatasetSources.AT + ": " + spec.sourceName() + " " + why, null);
    }

    Dataset dataset(Schema schema) {
        if (badRows > 0) {
            throw unusable(String.format(
                    Locale.ROOT,
                    "has %,d row%s that do%s not match spec.generator.dataset.columns "
                            + "(none was dropped: fix the rows or the columns): %s%s",
                    badRows,
                    badRows == 1 ? "" : "s",
                    badRows == 1 ? "es" : "",
                    String.join("; ", bad),
                    badRows > LISTED ? "; ..." : ""));
        }
        if (rows == 0) {
            throw unusable("has no rows: give a dataset with at least one");
        }
        int key = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(spec.getKeyColumn())) {
                key = i;
            }
        }
        columns.forEach(Column::seal);
        return new Dataset(schema, List.copyOf(columns), rows, key);
    }
}
