package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.records.GeneratedRecord;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

/**
 * What every generator shares: its schema, its shard's device range, the stable device traits and
 * the record random stream, positioned afresh for every reading.
 */
abstract class SeededRecordGenerator implements RecordGenerator {

    /** Positioned at (type- and epoch-salted seed, shard, sequence) before every {@link #fillReading}. */
    protected final RecordRandom random = new RecordRandom();

    protected final DeviceTraits traits;

    private final Schema schema;
    private final GeneratorSettings settings;
    /**
     * The profile seed salted with the record type, so two types run with one seed neither repeat
     * each other's ids nor share device traits.
     */
    private final long typeSeed;
    /** {@link #typeSeed} salted with the epoch: the records' values, not the devices' traits, differ per epoch. */
    private final long recordSeed;
    /**
     * Device ids, each built once: formatting them per record was a large share of a generator's CPU
     * time (JFR), and caching them raised the records per second of one thread (BENCHMARKS.md).
     */
    private final PerDeviceCache<Utf8> ids;

    private long sequence;

    SeededRecordGenerator(GeneratorType type, GeneratorSettings settings, String labelPrefix) {
        this(type, Generators.schema(type), settings, labelPrefix);
    }

    /** A generator of a shape the user describes ({@code type} dataset or avro-schema), with its schema. */
    SeededRecordGenerator(GeneratorType type, Schema schema, GeneratorSettings settings, String labelPrefix) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.schema = schema;
        this.typeSeed = settings.seed() ^ RecordRandom.mix(type.id().hashCode());
        this.recordSeed = typeSeed ^ RecordRandom.mix(settings.epoch()); // mix(0) is 0: a local run as before
        this.traits = new DeviceTraits(typeSeed);
        this.ids = new PerDeviceCache<>(
                settings, device -> DeviceLabels.utf8(labelPrefix, device, DeviceLabels.DEVICE_WIDTH));
    }

    @Override
    public final Schema schema() {
        return schema;
    }

    @Override
    public final Utf8 deviceId(long device) {
        return ids.get(device);
    }

    @Override
    public final void fill(long device, long sequence, long eventTimeMillis, GeneratedRecord record) {
        int slot = settings.slotOf(device);
        this.sequence = sequence;
        random.reset(recordSeed, settings.shard(), sequence);
        fillReading(slot, device, eventTimeMillis, record);
    }

    /**
     * Fills {@code record} from {@link #random}, {@link #traits} and the device's state at
     * {@code slot} (its index in the shard's range).
     */
    protected abstract void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record);

    /** The shard's number of the record being filled. */
    protected final long sequence() {
        return sequence;
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
