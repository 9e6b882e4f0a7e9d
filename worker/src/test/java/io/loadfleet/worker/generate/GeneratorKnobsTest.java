package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.device;
import static io.loadfleet.worker.generate.GeneratorFixtures.eventTime;
import static io.loadfleet.worker.generate.GeneratorFixtures.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.spec.GeneratorSettingsSpec;
import io.loadfleet.api.spec.GeneratorType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * spec.generator.settings: each knob moves what it names, and the defaults make the records the
 * generators made before they had knobs. Shares are checked within 4.5 binomial standard deviations
 * at the sample size (exceeded by chance with probability below 1e-5), at a fixed seed.
 */
class GeneratorKnobsTest {

    private static final int READINGS = 100_000;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * SHA-256 of readings 0..19999 of the fixture shard, every field as name=value, taken from the
     * generators before spec.generator.settings existed (transaction without its later status and
     * is_fraud fields).
     */
    private static final Map<GeneratorType, String> BEFORE_KNOBS = Map.of(
            GeneratorType.SMART_METER, "1a428299fb9184fead2344c17c19622d3731aef7a66998aff50beafb6354443b",
            GeneratorType.IOT_SENSOR, "ba3f0d991c625b229d1cfb5b4279b088af099dd5ec5c84f9fd0bad2ce3d3cdf1",
            GeneratorType.TRANSACTION, "4f8a981d24465454aff172e8ddd029f34b6fe4de3c0881aace3766530d5ee6ed",
            GeneratorType.GAMING_BET, "51c95a7df06fc22fc71f659b592b1d10af48e5544f49af98d89f87fd8127ef1a",
            GeneratorType.TEMPERATURE, "761048538d65cf7e54cae0475a574eca5c5efd24d67eac78ee5f684f704ccdee");

    /** Every knob of every block, written out at its default. */
    private static final String EXPLICIT_DEFAULTS = """
            iotSensor: {alertOdds: {highTemperature: 0.05, highHumidity: 0.03, lowBattery: 0.02}}
            smartMeter: {statusMix: {online: 97, offline: 2, maintenance: 1}}
            transaction: {declineRate: 0.03, fraudRate: 0.001}
            gamingBet:
              operationMix: {bet: 80, win: 18, refund: 2}
              minStakeLevel: 0.3
              maxStakeLevel: 5
              minAmountUsd: 0.10
              maxAmountUsd: 50000
            temperature: {driftPerDay: 0, recalibrationDays: 30}
            """;

    private static GeneratorSettingsSpec knobs(String yaml) {
        try {
            return YAML.readValue(yaml, GeneratorSettingsSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(yaml, e);
        }
    }

    private static RecordGenerator create(GeneratorType type, String yaml) {
        return Generators.create(type, GeneratorFixtures.settings(), knobs(yaml));
    }

    private static String digest(RecordGenerator generator, GeneratorType type) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        GeneratorFixtures.generate(generator, 20_000, r -> {
            for (Schema.Field f : r.getSchema().getFields()) {
                boolean later = type == GeneratorType.TRANSACTION
                        && (f.name().equals("status") || f.name().equals("is_fraud"));
                if (!later) {
                    sha.update((f.name() + "=" + r.get(f.pos()) + ";").getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    @ParameterizedTest
    @EnumSource(
            value = GeneratorType.class,
            names = {"DATASET", "AVRO_SCHEMA"},
            mode = EnumSource.Mode.EXCLUDE)
    void defaultsMakeTheRecordsTheGeneratorsMadeBeforeTheyHadKnobs(GeneratorType type) throws Exception {
        assertEquals(BEFORE_KNOBS.get(type), digest(Generators.create(type, GeneratorFixtures.settings()), type));
        assertEquals(BEFORE_KNOBS.get(type), digest(create(type, "{}"), type), "an empty settings block");
        assertEquals(BEFORE_KNOBS.get(type), digest(create(type, EXPLICIT_DEFAULTS), type), "every default written");
    }

    @Test
    void alertOddsSetTheShareOfEachAlert() {
        long[] alerts = new long[3];
        GeneratorFixtures.generate(
                create(
                        GeneratorType.IOT_SENSOR,
                        "iotSensor: {alertOdds: {highTemperature: 0.3, highHumidity: 0, lowBattery: 0.1}}"),
                READINGS,
                r -> {
                    alerts[0] += (Double) r.get("temperature") > 35 ? 1 : 0;
                    alerts[1] += (Double) r.get("humidity") > 80 ? 1 : 0;
                    alerts[2] += (Double) r.get("battery_level") < 20 ? 1 : 0;
                });
        assertShare(0.3, alerts[0], "high temperature");
        assertEquals(0, alerts[1], "high humidity");
        assertShare(0.1, alerts[2], "low battery");
    }

    @Test
    void statusMixSetsTheShareOfEachStatus() {
        Map<String, Long> statuses = new HashMap<>();
        GeneratorFixtures.generate(
                create(GeneratorType.SMART_METER, "smartMeter: {statusMix: {online: 5, offline: 3, maintenance: 2}}"),
                READINGS,
                r -> statuses.merge(r.get("status").toString(), 1L, Long::sum));
        assertShare(0.5, statuses.get("Online"), "Online");
        assertShare(0.3, statuses.get("Offline"), "Offline");
        assertShare(0.2, statuses.get("Maintenance"), "Maintenance");
    }

    @Test
    void declineAndFraudRatesSetTheirShares() {
        for (String yaml : List.of("{}", "transaction: {declineRate: 0.2, fraudRate: 0.05}")) {
            double decline = knobs(yaml).effectiveTransaction().effectiveDeclineRate();
            double fraud = knobs(yaml).effectiveTransaction().effectiveFraudRate();
            long[] counts = new long[3];
            GeneratorFixtures.generate(create(GeneratorType.TRANSACTION, yaml), READINGS, r -> {
                String status = r.get("status").toString();
                assertTrue(status.equals("approved") || status.equals("declined"), status);
                counts[0] += status.equals("declined") ? 1 : 0;
                counts[1] += (Boolean) r.get("is_fraud") ? 1 : 0;
                counts[2] += status.equals("declined") && (Boolean) r.get("is_fraud") ? 1 : 0;
            });
            assertShare(decline, counts[0], yaml + ": declined");
            assertShare(fraud, counts[1], yaml + ": fraudulent");
            assertShare(decline * fraud, counts[2], yaml + ": declined and fraudulent, drawn independently");
        }
    }

    @Test
    void operationMixSetsTheWinRate() {
        Map<String, Long> operations = new HashMap<>();
        GeneratorFixtures.generate(
                create(GeneratorType.GAMING_BET, "gamingBet: {operationMix: {bet: 3, win: 1, refund: 0}}"),
                READINGS,
                r -> operations.merge(r.get("operation").toString(), 1L, Long::sum));
        assertShare(0.75, operations.get("bet"), "bet");
        assertShare(0.25, operations.get("win"), "win");
        assertEquals(null, operations.get("refund"), "refunds");
    }

    @Test
    void amountsStayWithinTheirUsdRange() {
        GeneratorFixtures.generate(
                create(GeneratorType.GAMING_BET, "gamingBet: {minAmountUsd: 5, maxAmountUsd: 10}"), READINGS, r -> {
                    double usd = (Double) r.get("amount_usd");
                    // the amount is rounded to cents of its own currency, then converted back: at most
                    // half a cent of the strongest shipped currency (under 4 USD) off the range
                    assertTrue(usd >= 5 - 0.02 && usd <= 10 + 0.02, "amount_usd " + usd);
                });
    }

    @Test
    void stakeLevelsScaleEveryStake() {
        List<Double> single = bets("gamingBet: {minStakeLevel: 1, maxStakeLevel: 1}");
        List<Double> double_ = bets("gamingBet: {minStakeLevel: 2, maxStakeLevel: 2}");
        int pairs = 0;
        for (int i = 0; i < single.size(); i++) {
            // the same draws: each stake doubles, but for rounding to cents and the 0.10 USD floor
            if (single.get(i) > 1) {
                assertEquals(2, double_.get(i) / single.get(i), 0.02, "bet " + i);
                pairs++;
            }
        }
        assertTrue(pairs > READINGS / 4, pairs + " bets compared");
    }

    /** The amount_usd of every movement, 0 for those that are not bets. */
    private static List<Double> bets(String yaml) {
        List<Double> usd = new ArrayList<>();
        GeneratorFixtures.generate(
                create(GeneratorType.GAMING_BET, yaml),
                READINGS,
                r -> usd.add(r.get("operation").toString().equals("bet") ? (Double) r.get("amount_usd") : 0));
        return usd;
    }

    @Test
    void driftGrowsLinearlyPerProbeAndResetsAtRecalibration() {
        RecordGenerator plain = create(GeneratorType.TEMPERATURE, "{}");
        RecordGenerator drifting =
                create(GeneratorType.TEMPERATURE, "temperature: {driftPerDay: 0.1, recalibrationDays: 30}");
        long day = 86_400_000L;
        int days = 60;
        double smallest = 0;
        double largest = 0;
        int resets = 0;
        for (long sequence = 0; sequence < 200; sequence++) {
            long device = device(sequence);
            double[] error = new double[days];
            for (int d = 0; d < days; d++) {
                // the same sequence: the same noise, so the difference is the drift alone (and rounding)
                long time = eventTime(sequence) + d * day;
                error[d] = celsius(drifting, device, sequence, time) - celsius(plain, device, sequence, time);
                assertTrue(Math.abs(error[d]) <= 0.1 * 30 + 0.01, "device " + device + " drifts " + error[d]);
                smallest = Math.min(smallest, error[d]);
                largest = Math.max(largest, error[d]);
            }
            double[] steps = new double[days - 1];
            for (int d = 1; d < days; d++) {
                steps[d - 1] = error[d] - error[d - 1];
            }
            double step = Arrays.stream(steps).sorted().toArray()[steps.length / 2]; // the probe's daily rate
            for (int d = 1; d < days; d++) {
                if (Math.abs(steps[d - 1] - step) > 0.011) { // two roundings to 0.01 apart
                    resets++;
                    assertTrue(Math.abs(error[d]) <= Math.abs(step) + 0.011, "a reset starts again from 0");
                }
            }
        }
        // each probe is recalibrated every 30 days: 59 daily steps cross one reset, or two (odds 29/30), so
        // about 393 (a very slow probe's reset may hide in the rounding)
        assertTrue(resets >= 380 && resets <= 400, resets + " resets of 200 probes over 60 days");
        assertTrue(smallest < -1 && largest > 1, "probes drift both ways: " + smallest + ".." + largest);
    }

    private static double celsius(RecordGenerator generator, long device, long sequence, long eventTime) {
        GenericData.Record r = GeneratorFixtures.fill(generator, device, sequence, eventTime);
        return (Double) r.get("temperature");
    }

    private static void assertShare(double p, long hits, String what) {
        assertEquals(p, share(hits, READINGS), 4.5 * Math.sqrt(p * (1 - p) / READINGS), what);
    }
}
