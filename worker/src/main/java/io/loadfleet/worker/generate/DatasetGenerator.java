package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.dataset.Dataset;
import io.loadfleet.worker.records.GeneratedRecord;
import org.apache.avro.util.Utf8;

/**
 * Rows of a loaded dataset, drawn at random with replacement: record {@code n} of a shard is the row
 * its random stream picks, so the same seed replays the same rows in the same order. The message
 * key is the key column's value, or the device id when there is no key column.
 */
final class DatasetGenerator extends SeededRecordGenerator {
    private final Dataset dataset;
    /** The row the last fill drew, whose key column is the message key. */
    private int row;

    private DatasetGenerator(Dataset dataset, GeneratorSettings settings) {
        super(GeneratorType.DATASET, dataset.schema(), settings, "dev-");
        this.dataset = dataset;
    }

    static RecordShape shape(Dataset dataset) {
        return RecordShape.of(dataset.schema(), settings -> new DatasetGenerator(dataset, settings));
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        row = random.nextInt(dataset.rows());
        dataset.copy(row, record);
    }

    @Override
    public Utf8 key(long device) {
        return dataset.keyedByColumn() ? dataset.key(row) : deviceId(device);
    }
}
