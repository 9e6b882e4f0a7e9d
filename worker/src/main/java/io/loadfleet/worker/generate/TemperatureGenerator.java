package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.records.GeneratedRecord;

/** Simple temperature probes: a per-device baseline, a slow daily swing and sensor noise. */
final class TemperatureGenerator extends SeededRecordGenerator {

    private static final double WARMEST_HOUR_UTC = 15;
    private static final double NOISE_CELSIUS = 0.3;
    private static final double MIN_CELSIUS = 5;
    private static final double MAX_CELSIUS = 35;

    private static final int TRAIT_BASELINE = 1;
    private static final int TRAIT_SWING = 2;

    private final int deviceIdPos = position("device_id");
    private final int temperaturePos = position("temperature");
    private final int timestampPos = position("timestamp");

    TemperatureGenerator(GeneratorSettings settings) {
        super(GeneratorType.TEMPERATURE, settings, "dev-");
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        double baseline = traits.between(device, TRAIT_BASELINE, 15, 25);
        double swing = traits.between(device, TRAIT_SWING, 2, 5);
        double celsius = baseline
                + swing * DailyCycle.wave(DailyCycle.utcHour(eventTimeMillis), WARMEST_HOUR_UTC)
                + NOISE_CELSIUS * random.nextGaussian();

        record.put(deviceIdPos, deviceId(device));
        record.put(temperaturePos, Decimals.round2(Decimals.clamp(celsius, MIN_CELSIUS, MAX_CELSIUS)));
        record.put(timestampPos, eventTimeMillis);
    }
}
