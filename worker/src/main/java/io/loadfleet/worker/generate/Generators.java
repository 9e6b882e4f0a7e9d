package io.loadfleet.worker.generate;

import io.loadfleet.api.schema.DatasetSchema;
import io.loadfleet.api.spec.GeneratorSettingsSpec;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.generate.dataset.Dataset;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.Schema;

/** Resolves a profile's record shape; creates the built-in generators and serves their shipped Avro schemas. */
public final class Generators {

    private static final Map<GeneratorType, String> SCHEMA_TEXT = new EnumMap<>(GeneratorType.class);
    private static final Map<GeneratorType, Schema> SCHEMAS = new EnumMap<>(GeneratorType.class);

    static {
        for (GeneratorType type : GeneratorType.builtIns()) {
            String text = ClasspathResources.text("/schemas/" + type.id() + ".avsc");
            SCHEMA_TEXT.put(type, text);
            SCHEMAS.put(type, new Schema.Parser().parse(text));
        }
    }

    private Generators() {}

    /**
     * The shape of a validated spec.generator: a built-in one, a loaded and checked dataset, or the
     * user's schema with its rules.
     *
     * @throws GeneratorInputException when the dataset or schema cannot be read or used
     */
    public static RecordShape shape(GeneratorSpec spec, GeneratorInputs inputs) {
        GeneratorType type = spec.getType();
        return switch (type) {
            case DATASET -> DatasetGenerator.shape(Dataset.load(spec.getDataset(), inputs), spec.getDataset());
            case AVRO_SCHEMA -> AvroSchemaGenerator.shape(UserSchemas.read(spec.getAvroSchema(), inputs));
            default -> {
                GeneratorSettingsSpec knobs = spec.effectiveSettings();
                yield RecordShape.of(schema(type), settings -> create(type, settings, knobs));
            }
        };
    }

    /**
     * The record schema of a validated spec.generator without loading a dataset (its schema is its
     * declared columns): for commands that only print or decode with it.
     */
    public static Schema schema(GeneratorSpec spec, GeneratorInputs inputs) {
        return switch (spec.getType()) {
            case DATASET -> DatasetSchema.of(spec.getDataset().getColumns());
            case AVRO_SCHEMA -> UserSchemas.read(spec.getAvroSchema(), inputs).schema();
            default -> schema(spec.getType());
        };
    }

    /** A new generator of a built-in shape for one shard, with every knob at its default. */
    public static RecordGenerator create(GeneratorType type, GeneratorSettings settings) {
        return create(type, settings, new GeneratorSettingsSpec());
    }

    /**
     * A new generator of a built-in shape for one shard, with the knobs of a validated
     * spec.generator.settings; it is not thread-safe, like the shard that owns it.
     */
    public static RecordGenerator create(GeneratorType type, GeneratorSettings settings, GeneratorSettingsSpec knobs) {
        return switch (type) {
            case SMART_METER ->
                new SmartMeterGenerator(settings, knobs.effectiveSmartMeter().effectiveStatusMix());
            case IOT_SENSOR ->
                new IotSensorGenerator(
                        settings,
                        IotSensorGenerator.AlertOdds.of(
                                knobs.effectiveIotSensor().effectiveAlertOdds()));
            case TRANSACTION -> new TransactionGenerator(settings, knobs.effectiveTransaction());
            case GAMING_BET -> new GamingBetGenerator(settings, knobs.effectiveGamingBet());
            case TEMPERATURE -> new TemperatureGenerator(settings, knobs.effectiveTemperature());
            case DATASET, AVRO_SCHEMA ->
                throw new IllegalArgumentException(type.id() + " is described by its profile: use shape()");
        };
    }

    /** The parsed schema of a built-in {@code type}'s records, parsed once and shared. */
    public static Schema schema(GeneratorType type) {
        return requireBuiltIn(SCHEMAS, type);
    }

    /** The shipped {@code .avsc} text of a built-in {@code type}, as printed by {@code loadfleet schema}. */
    public static String schemaJson(GeneratorType type) {
        return requireBuiltIn(SCHEMA_TEXT, type);
    }

    private static <T> T requireBuiltIn(Map<GeneratorType, T> map, GeneratorType type) {
        T value = map.get(type);
        if (value == null) {
            throw new IllegalArgumentException(type.id() + " has no shipped schema: its profile describes it");
        }
        return value;
    }
}
