package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.Schema;

/** Creates the generator of a {@link GeneratorType} and serves its shipped Avro schema. */
public final class Generators {

    private static final Map<GeneratorType, String> SCHEMA_TEXT = new EnumMap<>(GeneratorType.class);
    private static final Map<GeneratorType, Schema> SCHEMAS = new EnumMap<>(GeneratorType.class);

    static {
        for (GeneratorType type : GeneratorType.values()) {
            String text = ClasspathResources.text("/schemas/" + type.id() + ".avsc");
            SCHEMA_TEXT.put(type, text);
            SCHEMAS.put(type, new Schema.Parser().parse(text));
        }
    }

    private Generators() {
    }

    /** A new generator for one shard; it is not thread-safe, like the shard that owns it. */
    public static RecordGenerator create(GeneratorType type, GeneratorSettings settings) {
        return switch (type) {
            case SMART_METER -> new SmartMeterGenerator(settings);
            case IOT_SENSOR -> new IotSensorGenerator(settings, IotSensorGenerator.AlertOdds.DEFAULT);
            case TRANSACTION -> new TransactionGenerator(settings);
            case GAMING_BET -> new GamingBetGenerator(settings);
            case TEMPERATURE -> new TemperatureGenerator(settings);
        };
    }

    /** The parsed schema of {@code type}'s records, parsed once and shared. */
    public static Schema schema(GeneratorType type) {
        return SCHEMAS.get(type);
    }

    /** The shipped {@code .avsc} text of {@code type}, as printed by {@code loadfleet schema}. */
    public static String schemaJson(GeneratorType type) {
        return SCHEMA_TEXT.get(type);
    }
}
