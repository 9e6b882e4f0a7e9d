package io.loadfleet.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.generator.settings: each block for its type only, and every knob's bounds, each problem naming its field. */
class GeneratorSettingsValidatorTest {
    private static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: knobs}
            spec:
              targetRate: 100
              devices: {count: 10}
              sink: {kafka: {topic: t}}
              generator:
                type: TYPE
                settings:
            """;

    private static List<String> problems(String type, String settings) throws Exception {
        LoadProfile profile = new ObjectMapper(new YAMLFactory())
                .readValue(PROFILE.replace("TYPE", type) + settings.indent(6), LoadProfile.class);
        return ProfileValidator.validate(profile).stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void everyKnobWithinItsBoundsPasses() throws Exception {
        assertEquals(List.of(), problems("iot-sensor", "iotSensor: {alertOdds: {highTemperature: 1, lowBattery: 0}}"));
        assertEquals(
                List.of(), problems("smart-meter", "smartMeter: {statusMix: {online: 0, offline: 1, maintenance: 0}}"));
        assertEquals(List.of(), problems("transaction", "transaction: {declineRate: 0, fraudRate: 1}"));
        assertEquals(
                List.of(),
                problems(
                        "gaming-bet",
                        "gamingBet: {operationMix: {bet: 1, win: 1, refund: 0}, minStakeLevel: 2, maxStakeLevel: 2,"
                                + " minAmountUsd: 0.01, maxAmountUsd: 1000000000}"));
        assertEquals(List.of(), problems("temperature", "temperature: {driftPerDay: 10, recalibrationDays: 3650}"));
    }

    @Test
    void aBlockForAnotherTypeIsRefused() throws Exception {
        assertEquals(
                List.of("spec.generator.settings.transaction: is for type transaction only (type is smart-meter): "
                        + "remove it"),
                problems("smart-meter", "transaction: {declineRate: 0.1}"));
        assertEquals(
                List.of(
                        "spec.generator.settings.iotSensor: is for type iot-sensor only (type is temperature): remove it",
                        "spec.generator.settings.gamingBet: is for type gaming-bet only (type is temperature): remove it"),
                problems("temperature", "iotSensor: {}\ngamingBet: {}\ntemperature: {}"));
    }

    @Test
    void sharesAreZeroToOne() throws Exception {
        assertEquals(
                List.of(
                        "spec.generator.settings.iotSensor.alertOdds.highTemperature: 1.5 is out of range: use 0 to 1",
                        "spec.generator.settings.iotSensor.alertOdds.lowBattery: -0.1 is out of range: use 0 to 1"),
                problems("iot-sensor", "iotSensor: {alertOdds: {highTemperature: 1.5, lowBattery: -0.1}}"));
        assertEquals(
                List.of(
                        "spec.generator.settings.transaction.declineRate: 2.0 is out of range: use 0 to 1",
                        "spec.generator.settings.transaction.fraudRate: -1.0 is out of range: use 0 to 1"),
                problems("transaction", "transaction: {declineRate: 2, fraudRate: -1}"));
    }

    @Test
    void aMixNamesEveryWeightAndSomeAboveZero() throws Exception {
        assertEquals(
                List.of("spec.generator.settings.smartMeter.statusMix.maintenance: is required: give online, offline, "
                        + "maintenance (relative weights, e.g. online 97, offline 2, maintenance 1)"),
                problems("smart-meter", "smartMeter: {statusMix: {online: 90, offline: 10}}"));
        assertEquals(
                List.of("spec.generator.settings.smartMeter.statusMix: the weights sum to 0: give at least one status "
                        + "a weight above 0, e.g. online 97, offline 2, maintenance 1"),
                problems("smart-meter", "smartMeter: {statusMix: {online: 0, offline: 0, maintenance: 0}}"));
        assertEquals(
                List.of("spec.generator.settings.gamingBet.operationMix.win: -1.0 is not a weight: use 0 or more"),
                problems("gaming-bet", "gamingBet: {operationMix: {bet: 1, win: -1, refund: 0}}"));
    }

    @Test
    void rangesKeepTheirBoundsAndOrder() throws Exception {
        assertEquals(
                List.of("spec.generator.settings.gamingBet.minStakeLevel: 8.0 is above maxStakeLevel 5.0: lower it "
                        + "or raise maxStakeLevel (defaults 0.3 and 5.0)"),
                problems("gaming-bet", "gamingBet: {minStakeLevel: 8}"));
        assertEquals(
                List.of("spec.generator.settings.gamingBet.minAmountUsd: 100.0 is above maxAmountUsd 50.0: lower it "
                        + "or raise maxAmountUsd (defaults 0.1 and 50000.0)"),
                problems("gaming-bet", "gamingBet: {minAmountUsd: 100, maxAmountUsd: 50}"));
        assertEquals(
                List.of(
                        "spec.generator.settings.gamingBet.minStakeLevel: 0.0 is out of range: use above 0 and at most "
                                + "1000",
                        "spec.generator.settings.gamingBet.maxAmountUsd: 0.001 is out of range: use 0.01 to 1000000000 "
                                + "USD"),
                problems("gaming-bet", "gamingBet: {minStakeLevel: 0, maxAmountUsd: 0.001}"));
        assertEquals(
                List.of(
                        "spec.generator.settings.temperature.driftPerDay: 11.0 is out of range: use 0 to 10 °C a day",
                        "spec.generator.settings.temperature.recalibrationDays: 0 is out of range: use 1 to 3650 days"),
                problems("temperature", "temperature: {driftPerDay: 11, recalibrationDays: 0}"));
    }
}
