package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.TemperatureSettingsSpec;
import io.loadfleet.worker.records.GeneratedRecord;

/**
 * Simple temperature probes: a per-device baseline, a slow daily swing, sensor noise and, when
 * spec.generator.settings.temperature asks for it, each probe's drift since its last recalibration.
 */
final class TemperatureGenerator extends SeededRecordGenerator {

    private static final double WARMEST_HOUR_UTC = 15;
    private static final double NOISE_CELSIUS = 0.3;
    private static final double MIN_CELSIUS = 5;
    private static final double MAX_CELSIUS = 35;

    private static final int TRAIT_BASELINE = 1;
    private static final int TRAIT_SWING = 2;
    private static final int TRAIT_DRIFT = 3;
    private static final int TRAIT_CALIBRATION_PHASE = 4;

    private final int deviceIdPos = position("device_id");
    private final int temperaturePos = position("temperature");
    private final int timestampPos = position("timestamp");

    private final double driftPerDay;
    private final double recalibrationDays;

    TemperatureGenerator(GeneratorSettings settings, TemperatureSettingsSpec knobs) {
        super(GeneratorType.TEMPERATURE, settings, "dev-");
        driftPerDay = knobs.effectiveDriftPerDay();
        recalibrationDays = knobs.effectiveRecalibrationDays();
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        double baseline = traits.between(device, TRAIT_BASELINE, 15, 25);
        double swing = traits.between(device, TRAIT_SWING, 2, 5);
        double celsius = baseline
                + swing * DailyCycle.wave(DailyCycle.utcHour(eventTimeMillis), WARMEST_HOUR_UTC)
                + NOISE_CELSIUS * random.nextGaussian()
                + drift(device, eventTimeMillis);

        record.put(deviceIdPos, deviceId(device));
        record.put(temperaturePos, Decimals.round2(Decimals.clamp(celsius, MIN_CELSIUS, MAX_CELSIUS)));
        record.put(timestampPos, eventTimeMillis);
    }

    /**
     * The probe's error: its own rate, uniform in [-driftPerDay, +driftPerDay] °C a day, times the
     * days since its last recalibration (every recalibrationDays, at its own phase). Like the other
     * traits it is a pure function of (seed, device, time); 0 without drift, which leaves the
     * readings as they were.
     */
    private double drift(long device, long eventTimeMillis) {
        if (driftPerDay == 0) {
            return 0;
        }
        double rate = traits.between(device, TRAIT_DRIFT, -driftPerDay, driftPerDay);
        double age =
                DailyCycle.days(eventTimeMillis) + traits.unit(device, TRAIT_CALIBRATION_PHASE) * recalibrationDays;
        return rate * (age - recalibrationDays * Math.floor(age / recalibrationDays));
    }
}
