package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * What every generator shares: its schema, its shard's device range, the stable device traits and
 * the record random stream, positioned afresh for every reading.
 */
abstract class SeededRecordGenerator implements RecordGenerator {

    /** Positioned at (seed, shard, sequence) before every {@link #fillReading}. */
    protected final RecordRandom random = new RecordRandom();
    protected final DeviceTraits traits;

    private final Schema schema;
    private final GeneratorSettings settings;
    private final String labelPrefix;

    SeededRecordGenerator(GeneratorType type, GeneratorSettings settings, String labelPrefix) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.schema = Generators.schema(type);
        this.traits = new DeviceTraits(settings.seed());
        this.labelPrefix = labelPrefix;
    }

    @Override
    public final Schema schema() {
        return schema;
    }

    @Override
    public final String deviceLabel(long device) {
        return DeviceLabels.label(labelPrefix, device, DeviceLabels.DEVICE_WIDTH);
    }

    @Override
    public final void fill(long device, long sequence, long eventTimeMillis, GenericData.Record record) {
        int slot = settings.slotOf(device);
        random.reset(settings.seed(), settings.shard(), sequence);
        fillReading(slot, device, eventTimeMillis, record);
    }

    /**
     * Fills {@code record} from {@link #random}, {@link #traits} and the device's state at
     * {@code slot} (its index in the shard's range).
     */
    protected abstract void fillReading(int slot, long device, long eventTimeMillis, GenericData.Record record);

    protected final GeneratorSettings settings() {
        return settings;
    }

    /** The position of {@code field} in the schema, looked up once so fills put values by index. */
    protected final int position(String field) {
        Schema.Field f = schema.getField(field);
        if (f == null) {
            throw new IllegalStateException(schema.getFullName() + " has no field " + field);
        }
        return f.pos();
    }
}
