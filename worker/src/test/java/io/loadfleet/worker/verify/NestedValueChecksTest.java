package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.records.GeneratedRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** verify's value checks decode nested records (the shipped nested example's), in Avro and JSON, as decodable. */
class NestedValueChecksTest {

    @Test
    void nestedValuesDecodeAndBrokenOnesDoNot() throws Exception {
        RecordShape shape = Generators.shape(
                ProfileLoader.load(Path.of("..", "deploy", "examples", "nested-avro-schema.yaml"))
                        .getSpec()
                        .getGenerator(),
                null);
        RecordGenerator generator = shape.create(new GeneratorSettings(1, 0, 0, 100));
        RecordEncoder avro = Encoders.create(Format.AVRO, shape.schema());
        RecordEncoder json = Encoders.create(Format.JSON, shape.schema());
        Predicate<byte[]> avroCheck = ValueChecks.avro(shape.schema());
        Predicate<byte[]> jsonCheck = ValueChecks.jsonObject();
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        for (long seq = 0; seq < 1_000; seq++) {
            generator.fill(seq % 100, seq, 1_767_225_600_000L + seq, record);
            byte[] value = avro.encode(record);
            assertTrue(avroCheck.test(value), "record " + seq);
            assertTrue(jsonCheck.test(json.encode(record)), "record " + seq);
            assertFalse(avroCheck.test(Arrays.copyOf(value, value.length - 1)), "cut short");
            assertFalse(avroCheck.test(Arrays.copyOf(value, value.length + 1)), "a byte left over");
        }
    }
}
