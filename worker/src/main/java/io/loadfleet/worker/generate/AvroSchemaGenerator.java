package io.loadfleet.worker.generate;

import io.loadfleet.api.schema.FieldRule;
import io.loadfleet.api.schema.FieldRules;
import io.loadfleet.api.schema.FlatSchema;
import io.loadfleet.api.schema.RuledSchema;
import io.loadfleet.api.schema.ValueRules;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.records.GeneratedRecord;
import org.apache.avro.Schema;

/**
 * Records of the user's own Avro schema, each field filled by its rule ({@link FieldRule}). Flat
 * fields get their value unboxed from {@link ScalarDraws}; records, arrays, maps, unions of several
 * types and the other logical types get Avro's generic values from {@link GenericValues}. Both say
 * what a type without a rule gets.
 */
final class AvroSchemaGenerator extends SeededRecordGenerator {

    /** Fills one field of the record being generated. */
    private interface FieldFiller {
        void fill(GeneratedRecord record, long device, long eventTimeMillis);
    }

    private final ScalarDraws draws = new ScalarDraws(this);
    private final GenericValues generic = new GenericValues(draws, random);
    private final FieldFiller[] fillers;

    private AvroSchemaGenerator(RuledSchema ruled, GeneratorSettings settings) {
        super(GeneratorType.AVRO_SCHEMA, ruled.schema(), settings, "dev-");
        fillers = ruled.fields().stream().map(this::filler).toArray(FieldFiller[]::new);
    }

    static RecordShape shape(RuledSchema ruled) {
        return RecordShape.of(ruled.schema(), settings -> new AvroSchemaGenerator(ruled, settings));
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        for (FieldFiller filler : fillers) {
            filler.fill(record, device, eventTimeMillis);
        }
    }

    private FieldFiller filler(FieldRules field) {
        int pos = field.pos();
        FieldFiller value;
        if (FlatSchema.isFlat(field.valueType())) {
            value = flat(pos, field.valueType(), field.rule());
        } else {
            GenericValues.ValueMaker maker = generic.of(new ValueRules(field.valueType(), 0, field.rule()));
            value = (record, device, eventTime) -> record.putGeneric(pos, maker.make(device, eventTime));
        }
        if (field.nullOdds() == 0) {
            return value;
        }
        double odds = field.nullOdds();
        return (record, device, eventTime) -> {
            if (random.nextDouble() < odds) {
                record.putNull(pos);
            } else {
                value.fill(record, device, eventTime);
            }
        };
    }

    private FieldFiller flat(int pos, Schema type, FieldRule rule) {
        return switch (type.getType()) {
            case STRING -> {
                ScalarDraws.TextDraw text = draws.text(type, rule);
                yield (record, device, eventTime) -> record.put(pos, text.draw(device));
            }
            case DOUBLE -> {
                ScalarDraws.DoubleDraw number = draws.floating(rule);
                yield (record, device, eventTime) -> record.put(pos, number.draw(device, eventTime));
            }
            case INT -> {
                ScalarDraws.LongDraw number = draws.integral(type, rule);
                // an int keeps the low 32 bits, as Java's int does when an iteration passes 2^31
                yield (record, device, eventTime) -> record.put(pos, (int) number.draw(device, eventTime));
            }
            case LONG -> {
                ScalarDraws.LongDraw number = draws.integral(type, rule);
                yield (record, device, eventTime) -> record.put(pos, number.draw(device, eventTime));
            }
            case BOOLEAN -> {
                ScalarDraws.LongDraw bit = draws.integral(type, rule);
                yield (record, device, eventTime) -> record.put(pos, bit.draw(device, eventTime) != 0);
            }
            case ENUM -> {
                ScalarDraws.LongDraw index = draws.integral(type, rule);
                yield (record, device, eventTime) -> record.putEnum(pos, (int) index.draw(device, eventTime));
            }
            default -> throw new IllegalArgumentException(type + " is not flat");
        };
    }
}
