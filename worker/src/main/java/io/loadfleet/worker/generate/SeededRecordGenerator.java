package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * What every generator shares: its schema, its shard's device range, the stable device traits and
 * the record random stream, positioned afresh for every reading.
 */
abstract class SeededRecordGenerator implements RecordGenerator {

    /** Positioned at (type-salted seed, shard, sequence) before every {@link #fillReading}. */
    protected final RecordRandom random = new RecordRandom();
    protected final DeviceTraits traits;

    private final Schema schema;
    private final GeneratorSettings settings;
    private final String labelPrefix;
    /**
     * The profile seed salted with the record type, so two types run with one seed neither repeat
     * each other's ids nor share device traits.
     */
    private final long typeSeed;
    /**
     * Device labels by slot, each built once: formatting them per record was 17 % of iot-sensor
     * Avro's CPU samples (JFR); cached, iot-sensor Avro went from 1.70M to 1.89M records/s on one
     * thread and JSON from 0.62M to 0.81M (bench/jmh.sh). Shards of more devices than
     * {@link #LABEL_CACHE_LIMIT} format per record rather than hold that many strings.
     */
    private final String[] labels;
    private static final int LABEL_CACHE_LIMIT = 1 << 18;

    SeededRecordGenerator(GeneratorType type, GeneratorSettings settings, String labelPrefix) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.schema = Generators.schema(type);
        this.typeSeed = settings.seed() ^ RecordRandom.mix(type.id().hashCode());
        this.traits = new DeviceTraits(typeSeed);
        this.labelPrefix = labelPrefix;
        this.labels = settings.deviceCount() <= LABEL_CACHE_LIMIT ? new String[settings.deviceCount()] : null;
    }

    @Override
    public final Schema schema() {
        return schema;
    }

    @Override
    public final String deviceLabel(long device) {
        long slot = device - settings.deviceStart();
        if (labels == null || slot < 0 || slot >= labels.length) {
            return DeviceLabels.label(labelPrefix, device, DeviceLabels.DEVICE_WIDTH);
        }
        String label = labels[(int) slot];
        if (label == null) {
            label = DeviceLabels.label(labelPrefix, device, DeviceLabels.DEVICE_WIDTH);
            labels[(int) slot] = label;
        }
        return label;
    }

    @Override
    public final void fill(long device, long sequence, long eventTimeMillis, GeneratedRecord record) {
        int slot = settings.slotOf(device);
        random.reset(typeSeed, settings.shard(), sequence);
        fillReading(slot, device, eventTimeMillis, record);
    }

    /**
     * Fills {@code record} from {@link #random}, {@link #traits} and the device's state at
     * {@code slot} (its index in the shard's range).
     */
    protected abstract void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record);

    /** The position of {@code field} in the schema, looked up once so fills put values by index. */
    protected final int position(String field) {
        Schema.Field f = schema.getField(field);
        if (f == null) {
            throw new IllegalStateException(schema.getFullName() + " has no field " + field);
        }
        return f.pos();
    }
}
