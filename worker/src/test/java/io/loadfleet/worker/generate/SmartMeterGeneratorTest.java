package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.assertDecimals;
import static io.loadfleet.worker.generate.GeneratorFixtures.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.GeneratorType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartMeterGeneratorTest {

    private static final int READINGS = 100_000;

    @Test
    void energyIsNonNegativeAndWithinTheDocumentedMaximum() {
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.SMART_METER), READINGS, r -> {
            double kwh = (Double) r.get("energy_consumption");
            assertTrue(kwh >= 0 && kwh <= 1.1, "energy_consumption " + kwh);
            assertDecimals(kwh, 3, "energy_consumption");
        });
    }

    @Test
    void statusIsMostlyOnline() {
        Map<String, Long> byStatus = new HashMap<>();
        GeneratorFixtures.generate(
                GeneratorFixtures.create(GeneratorType.SMART_METER),
                READINGS,
                r -> byStatus.merge(r.get("status").toString(), 1L, Long::sum));
        assertEquals(3, byStatus.size(), byStatus.toString());
        assertEquals(0.97, share(byStatus.get("Online"), READINGS), 0.005);
        assertEquals(0.02, share(byStatus.get("Offline"), READINGS), 0.003);
        assertEquals(0.01, share(byStatus.get("Maintenance"), READINGS), 0.003);
    }

    @Test
    void consumptionFollowsTheResidentialDay() {
        double[] sum = new double[24];
        long[] count = new long[24];
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.SMART_METER), READINGS, r -> {
            int hour = (int) DailyCycle.utcHour((Long) r.get("timestamp"));
            sum[hour] += (Double) r.get("energy_consumption");
            count[hour]++;
        });
        double night = sum[3] / count[3];
        double morning = sum[7] / count[7];
        double midday = sum[13] / count[13];
        double evening = sum[19] / count[19];
        assertTrue(evening > 2 * night, "19:00 " + evening + " vs 03:00 " + night);
        assertTrue(morning > midday && evening > midday, "peaks at 07:00 and 19:00 above 13:00");
    }

    @Test
    void meterIdIsTheZeroPaddedMeterNumber() {
        assertEquals(
                "meter-0012345",
                GeneratorFixtures.create(GeneratorType.SMART_METER).deviceLabel(12_345));
    }
}
