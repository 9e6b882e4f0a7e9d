package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.assertDecimals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.GeneratorType;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class TemperatureGeneratorTest {

    private static final int READINGS = 100_000;

    @Test
    void temperatureStaysWithinItsDocumentedRange() {
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.TEMPERATURE), READINGS, r -> {
            double celsius = (Double) r.get("temperature");
            assertTrue(celsius >= 5 && celsius <= 35, "temperature " + celsius);
            assertDecimals(celsius, 2, "temperature");
        });
    }

    @Test
    void afternoonsAreWarmerThanNights() {
        double[] sum = new double[24];
        long[] count = new long[24];
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.TEMPERATURE), READINGS, r -> {
            int hour = (int) DailyCycle.utcHour((Long) r.get("timestamp"));
            sum[hour] += (Double) r.get("temperature");
            count[hour]++;
        });
        assertTrue(sum[15] / count[15] > sum[3] / count[3] + 3, "15:00 is several degrees above 03:00");
    }

    @Test
    void devicesHaveTheirOwnBaseline() {
        // at one instant all devices share the daily phase: differences come from the baselines
        RecordGenerator generator = GeneratorFixtures.create(GeneratorType.TEMPERATURE);
        GenericData.Record record;
        Map<Long, Double> firstReading = new HashMap<>();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (long device = GeneratorFixtures.DEVICE_START; device < GeneratorFixtures.DEVICE_END; device++) {
            record = GeneratorFixtures.fill(generator, device, device, GeneratorFixtures.START_MILLIS);
            double celsius = (Double) record.get("temperature");
            firstReading.put(device, celsius);
            min = Math.min(min, celsius);
            max = Math.max(max, celsius);
        }
        assertTrue(max - min > 5, "baselines spread over several degrees: " + min + ".." + max);
        // and a device keeps its baseline: the same instant again differs by noise only
        for (long device = GeneratorFixtures.DEVICE_START; device < GeneratorFixtures.DEVICE_END; device++) {
            record = GeneratorFixtures.fill(generator, device, device + 1_000_000, GeneratorFixtures.START_MILLIS);
            assertEquals(firstReading.get(device), (Double) record.get("temperature"), 2.5, "device " + device);
        }
    }
}
