package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.ColumnType;
import io.loadfleet.api.spec.DatasetColumn;
import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.api.spec.DatasetTimestampsSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.RegenerateKind;
import io.loadfleet.api.spec.RegeneratedColumnSpec;
import io.loadfleet.api.spec.TimestampMode;
import io.loadfleet.worker.generate.dataset.Dataset;
import io.loadfleet.worker.records.GeneratedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.util.Utf8;

/**
 * Rows of a loaded dataset, drawn at random with replacement: record {@code n} of a shard is the row
 * its random stream picks, so the same seed replays the same rows in the same order. The drawn row
 * may then be rewritten: a timestamp column rebased onto the run's time, id columns regenerated
 * (from the same stream, after the draw, so they change no row choice). The message key is the key
 * column's value (as rewritten), or the device id when there is no key column.
 */
final class DatasetGenerator extends SeededRecordGenerator {

    /** Rewrites one column of the drawn row. */
    @FunctionalInterface
    private interface ColumnRewrite {
        void apply(GeneratedRecord record, long eventTimeMillis);
    }

    private final Dataset dataset;
    private final ColumnRewrite[] rewrites;
    /** The key column's type when a rewrite changes it (its key is then the new value); null otherwise. */
    private final ColumnType rewrittenKeyType;

    /** The row the last fill drew, whose key column is the message key. */
    private int row;
    /** The record the last fill filled, whose rewritten key column is the message key. */
    private GeneratedRecord filled;

    private DatasetGenerator(Dataset dataset, DatasetSpec spec, GeneratorSettings settings) {
        super(GeneratorType.DATASET, dataset.schema(), settings, "dev-");
        this.dataset = dataset;
        List<ColumnRewrite> list = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        if (spec.getTimestamps() != null) {
            list.add(rebase(spec.getTimestamps(), settings.startMillis()));
            rewritten.add(spec.getTimestamps().getColumn());
        }
        for (RegeneratedColumnSpec column : spec.effectiveRegenerate()) {
            list.add(regenerate(column, settings.shard(), typeOf(spec, column.getColumn())));
            rewritten.add(column.getColumn());
        }
        rewrites = list.toArray(ColumnRewrite[]::new);
        rewrittenKeyType = spec.getKeyColumn() != null && rewritten.contains(spec.getKeyColumn())
                ? typeOf(spec, spec.getKeyColumn())
                : null;
    }

    /** The shape of {@code dataset}'s rows, rewritten as the validated {@code spec} says. */
    static RecordShape shape(Dataset dataset, DatasetSpec spec) {
        return RecordShape.of(dataset.schema(), settings -> new DatasetGenerator(dataset, spec, settings));
    }

    private ColumnRewrite rebase(DatasetTimestampsSpec timestamps, long startMillis) {
        int pos = dataset.position(timestamps.getColumn());
        if (timestamps.effectiveMode() == TimestampMode.NOW) {
            return (record, eventTime) -> {
                if (!record.isNull(pos)) {
                    record.put(pos, eventTime);
                }
            };
        }
        // a column of nulls only has nothing to shift
        long offset = startMillis - dataset.earliest(pos).orElse(startMillis);
        return (record, eventTime) -> {
            if (!record.isNull(pos)) {
                record.put(pos, record.getLong(pos) + offset);
            }
        };
    }

    private ColumnRewrite regenerate(RegeneratedColumnSpec column, int shard, ColumnType type) {
        int pos = dataset.position(column.getColumn());
        if (column.getKind() == RegenerateKind.UUID) {
            return (record, eventTime) -> record.put(pos, random.nextUuid());
        }
        long base = shard * RegenerateKind.SHARD_STRIDE;
        return type == ColumnType.LONG
                ? (record, eventTime) -> record.put(pos, base + sequence())
                : (record, eventTime) -> record.put(pos, Long.toString(base + sequence()));
    }

    private static ColumnType typeOf(DatasetSpec spec, String column) {
        return spec.getColumns().stream()
                .filter(c -> c.getName().equals(column))
                .map(DatasetColumn::getType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + column));
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        row = random.nextInt(dataset.rows());
        dataset.copy(row, record);
        for (ColumnRewrite rewrite : rewrites) {
            rewrite.apply(record, eventTimeMillis);
        }
        filled = record;
    }

    @Override
    public Utf8 key(long device) {
        if (!dataset.keyedByColumn()) {
            return deviceId(device);
        }
        if (rewrittenKeyType == null) {
            return dataset.key(row);
        }
        int pos = dataset.keyPosition();
        if (filled.isNull(pos)) {
            return null;
        }
        return switch (rewrittenKeyType) {
            case STRING -> filled.getUtf8(pos);
            case TIMESTAMP -> new Utf8(Instant.ofEpochMilli(filled.getLong(pos)).toString());
            default -> new Utf8(Long.toString(filled.getLong(pos)));
        };
    }
}
