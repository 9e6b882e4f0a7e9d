package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.DEVICE_END;
import static io.loadfleet.worker.generate.GeneratorFixtures.DEVICE_START;
import static io.loadfleet.worker.generate.GeneratorFixtures.SEED;
import static io.loadfleet.worker.generate.GeneratorFixtures.assertDecimals;
import static io.loadfleet.worker.generate.GeneratorFixtures.eventTime;
import static io.loadfleet.worker.generate.GeneratorFixtures.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.GeneratorType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class IotSensorGeneratorTest {

    private static final int READINGS = 100_000;
    private static final List<String> COUNTERS =
            List.of("error_count", "packets_sent", "packets_received", "bytes_sent", "bytes_received");

    private static IotSensorGenerator generator(IotSensorGenerator.AlertOdds odds) {
        return new IotSensorGenerator(GeneratorFixtures.settings(), odds);
    }

    private static double doubleOf(GenericData.Record record, String field) {
        return (Double) record.get(field);
    }

    private static void assertWithin(GenericData.Record record, String field, double min, double max, int decimals) {
        double value = doubleOf(record, field);
        assertTrue(value >= min && value <= max, field + " = " + value + " outside " + min + ".." + max);
        assertDecimals(value, decimals, field);
    }

    @Test
    void valuesStayWithinTheirDocumentedRanges() {
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), READINGS, r -> {
            assertWithin(r, "latitude", -34.1, 59.5, 6);
            assertWithin(r, "longitude", -180, 180, 6);
            assertWithin(r, "altitude", 0, 2400, 1);
            assertWithin(r, "temperature", 15, 42, 2);
            assertWithin(r, "humidity", 20, 98, 1);
            assertWithin(r, "pressure", 980, 1040, 1);
            assertWithin(r, "co2_level", 400, 2000, 1);
            assertWithin(r, "noise_level", 30, 90, 1);
            assertWithin(r, "light_level", 0, 10_000, 1);
            assertWithin(r, "battery_level", 5, 100, 1);
            assertWithin(r, "signal_strength", -90, -30, 1);
            assertWithin(r, "memory_usage", 20, 80, 1);
            assertWithin(r, "cpu_usage", 10, 70, 1);
            int status = (Integer) r.get("status");
            assertTrue(status >= 1 && status <= 4, "status " + status);
            for (String counter : COUNTERS) {
                assertTrue((Long) r.get(counter) >= 0, counter);
            }
        });
    }

    @Test
    void alertsComeAtTheDefaultOddsAndHasAlertMatchesTheConditions() {
        long[] hot = new long[1];
        long[] humid = new long[1];
        long[] flat = new long[1];
        long[] alerts = new long[1];
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), READINGS, r -> {
            boolean isHot = doubleOf(r, "temperature") > 35;
            boolean isHumid = doubleOf(r, "humidity") > 80;
            boolean isFlat = doubleOf(r, "battery_level") < 20;
            hot[0] += isHot ? 1 : 0;
            humid[0] += isHumid ? 1 : 0;
            flat[0] += isFlat ? 1 : 0;
            alerts[0] += (Boolean) r.get("has_alert") ? 1 : 0;
            assertEquals(isHot || isHumid || isFlat, r.get("has_alert"));
        });
        assertEquals(0.05, share(hot[0], READINGS), 0.005, "high temperature");
        assertEquals(0.03, share(humid[0], READINGS), 0.005, "high humidity");
        assertEquals(0.02, share(flat[0], READINGS), 0.005, "low battery");
        assertEquals(1 - 0.95 * 0.97 * 0.98, share(alerts[0], READINGS), 0.005, "any alert");
    }

    @Test
    void alertOddsAreConfigurable() {
        long[] hot = new long[1];
        long[] other = new long[1];
        GeneratorFixtures.generate(generator(new IotSensorGenerator.AlertOdds(0.5, 0, 0)), READINGS, r -> {
            hot[0] += doubleOf(r, "temperature") > 35 ? 1 : 0;
            other[0] += doubleOf(r, "humidity") > 80 || doubleOf(r, "battery_level") < 20 ? 1 : 0;
        });
        assertEquals(0.5, share(hot[0], READINGS), 0.01);
        assertEquals(0, other[0]);

        GeneratorFixtures.generate(
                generator(new IotSensorGenerator.AlertOdds(0, 0, 0)),
                10_000,
                r -> assertEquals(false, r.get("has_alert")));
    }

    @Test
    void alertOddsMustBeProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> new IotSensorGenerator.AlertOdds(1.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new IotSensorGenerator.AlertOdds(0, -0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new IotSensorGenerator.AlertOdds(0, 0, Double.NaN));
    }

    @Test
    void statusIsMostlyOnline() {
        long[] byStatus = new long[5];
        GeneratorFixtures.generate(
                GeneratorFixtures.create(GeneratorType.IOT_SENSOR),
                READINGS,
                r -> byStatus[(Integer) r.get("status")]++);
        assertEquals(0.95, share(byStatus[1], READINGS), 0.005, "online");
        assertEquals(0.02, share(byStatus[2], READINGS), 0.003, "offline");
        assertEquals(0.01, share(byStatus[3], READINGS), 0.003, "maintenance");
        assertEquals(0.02, share(byStatus[4], READINGS), 0.003, "error");
    }

    @Test
    void countersGrowPerDeviceOnlyWhileTheDeviceTalks() {
        Map<String, long[]> last = new HashMap<>();
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), READINGS, r -> {
            long[] now = COUNTERS.stream().mapToLong(c -> (Long) r.get(c)).toArray();
            long[] before = last.getOrDefault(r.get("device_id").toString(), new long[COUNTERS.size()]);
            int status = (Integer) r.get("status");
            for (int i = 0; i < now.length; i++) {
                assertTrue(now[i] >= before[i], COUNTERS.get(i) + " decreased");
            }
            assertEquals(before[0] + (status == 4 ? 1 : 0), now[0], "error_count grows by one per error reading");
            if (status == 2 || status == 3) {
                for (int i = 1; i < now.length; i++) {
                    assertEquals(before[i], now[i], COUNTERS.get(i) + " moved while offline or in maintenance");
                }
            } else {
                assertTrue(now[1] > before[1], "an online or erroring device sends packets");
            }
            last.put(r.get("device_id").toString(), now);
        });
        assertEquals(DEVICE_END - DEVICE_START, last.size());
    }

    @Test
    void labelsFollowTheDeviceNumber() {
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), 5_000, r -> {
            String deviceId = r.get("device_id").toString();
            assertTrue(deviceId.matches("dev-\\d{7}"), deviceId);
            long device = Long.parseLong(deviceId.substring(4));
            assertEquals(
                    DeviceLabels.label("cust-", device / 10, 6),
                    r.get("customer_id").toString());
            assertEquals(
                    DeviceLabels.label("site-", device / 100, 5),
                    r.get("site_id").toString());
        });
        GenericData.Record record =
                GeneratorFixtures.fill(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), 12_345, 0, eventTime(0));
        assertEquals("dev-0012345", record.get("device_id"));
        assertEquals("cust-001234", record.get("customer_id"));
        assertEquals("site-00123", record.get("site_id"));
    }

    @Test
    void placeAndTypeAreStablePerDeviceInEveryShardLayout() {
        Map<Object, List<Object>> traits = new HashMap<>();
        Set<Object> types = new HashSet<>();
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), 20_000, r -> {
            List<Object> place =
                    List.of(r.get("device_type"), r.get("latitude"), r.get("longitude"), r.get("altitude"));
            List<Object> first = traits.putIfAbsent(r.get("device_id").toString(), place);
            assertTrue(first == null || first.equals(place), "device " + r.get("device_id") + " moved");
            types.add(r.get("device_type").toString());
        });
        assertEquals(20, types.size(), "all 20 device types occur");

        // another shard owning part of the same devices sees the same place and type
        RecordGenerator otherShard =
                Generators.create(GeneratorType.IOT_SENSOR, new GeneratorSettings(SEED, 7, 12_300, 12_400));
        GenericData.Record record;
        for (long device = 12_300; device < 12_400; device++) {
            record = GeneratorFixtures.fill(otherShard, device, device * 31, eventTime(device));
            List<Object> place = List.of(
                    record.get("device_type"), record.get("latitude"), record.get("longitude"), record.get("altitude"));
            assertEquals(traits.get(record.get("device_id").toString()), place);
        }
    }

    @Test
    void devicesOfASiteClusterTogether() {
        Map<String, double[]> box = new HashMap<>(); // site -> min lat, max lat, min lon, max lon
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), 2_000, r -> {
            double lat = doubleOf(r, "latitude");
            double lon = doubleOf(r, "longitude");
            box.merge(
                    r.get("site_id").toString(), new double[] {lat, lat, lon, lon}, (a, b) -> new double[] {
                        Math.min(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.max(a[3], b[3])
                    });
        });
        assertEquals(10, box.size());
        for (double[] b : box.values()) {
            assertTrue(b[1] - b[0] <= 0.004 && b[3] - b[2] <= 0.004, "a site spans more than about 400 m");
        }
    }

    @Test
    void lightFollowsTheDevicesLocalDay() {
        double[] sum = new double[2]; // local 11:00-15:00, local 23:00-03:00
        long[] count = new long[2];
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.IOT_SENSOR), READINGS, r -> {
            double hour = DailyCycle.solarHour((Long) r.get("time"), doubleOf(r, "longitude"));
            int bucket = hour >= 11 && hour < 15 ? 0 : hour >= 23 || hour < 3 ? 1 : -1;
            if (bucket >= 0) {
                sum[bucket] += doubleOf(r, "light_level");
                count[bucket]++;
            }
        });
        double noon = sum[0] / count[0];
        double night = sum[1] / count[1];
        assertTrue(noon > 10 * night, "mean light at local noon " + noon + " vs night " + night);
    }
}
