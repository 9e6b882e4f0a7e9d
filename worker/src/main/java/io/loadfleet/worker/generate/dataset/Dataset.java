package io.loadfleet.worker.generate.dataset;

import io.loadfleet.api.schema.DatasetSchema;
import io.loadfleet.api.spec.DatasetFormat;
import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.records.GeneratedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

/**
 * A dataset loaded once and checked row by row: read-only afterwards, so every shard of the process
 * draws from the same rows.
 */
public final class Dataset {
    private final Schema schema;
    private final List<Column> columns;
    private final int rows;
    /** The key column's index among the columns; -1 when the key is the device id. */
    private final int keyColumn;

    Dataset(Schema schema, List<Column> columns, int rows, int keyColumn) {
        this.schema = schema;
        this.columns = columns;
        this.rows = rows;
        this.keyColumn = keyColumn;
    }

    /**
     * Fetches, parses and checks the dataset.
     *
     * @throws GeneratorInputException when it cannot be fetched, or any row does not match the columns
     */
    public static Dataset load(DatasetSpec spec, GeneratorInputs inputs) {
        Schema schema = DatasetSchema.of(spec.getColumns());
        DatasetFormat format = spec.effectiveFormat().orElseThrow();
        RowChecker checker = new RowChecker(spec);
        try (InputStream in = DatasetSources.open(spec, inputs)) {
            if (format == DatasetFormat.CSV) {
                CsvRows.read(in, checker);
            } else {
                JsonLinesRows.read(in, checker);
            }
        } catch (org.apache.commons.csv.CSVException e) {
            throw new GeneratorInputException(
                    DatasetSources.AT + ": " + spec.sourceName() + " is not valid CSV: " + e.getMessage()
                            + " (a quote opened in a cell must close before the next comma or line end)",
                    e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new GeneratorInputException(
                    DatasetSources.AT + ": " + spec.sourceName() + " is not UTF-8 text: " + "save it as UTF-8", e);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // Commons CSV reports some malformed files with unchecked exceptions
            throw new GeneratorInputException(DatasetSources.AT + ": cannot read " + spec.sourceName() + ": " + e, e);
        }
        return checker.dataset(schema);
    }

    public Schema schema() {
        return schema;
    }

    public int rows() {
        return rows;
    }

    /** Puts row {@code row}'s values into {@code record} (of {@link #schema()}). */
    public void copy(int row, GeneratedRecord record) {
        for (int pos = 0; pos < columns.size(); pos++) {
            columns.get(pos).put(row, pos, record);
        }
    }

    /** The position of column {@code name} among the columns, which is its record field's. */
    public int position(String name) {
        for (int pos = 0; pos < columns.size(); pos++) {
            if (columns.get(pos).name().equals(name)) {
                return pos;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /** The earliest value of the timestamp column at {@code pos}; empty when every row's is null. */
    public OptionalLong earliest(int pos) {
        return columns.get(pos).min();
    }

    /** The key column's position; -1 when the key is the device id. */
    public int keyPosition() {
        return keyColumn;
    }

    /** Whether messages are keyed by a column rather than by device id. */
    public boolean keyedByColumn() {
        return keyColumn >= 0;
    }

    /** Row {@code row}'s key: its key column's value as text; null when that is null. */
    public Utf8 key(int row) {
        return columns.get(keyColumn).text(row);
    }
}
