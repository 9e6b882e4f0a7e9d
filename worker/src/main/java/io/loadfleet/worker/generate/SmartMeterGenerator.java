package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.StatusMixSpec;
import io.loadfleet.worker.records.GeneratedRecord;

/** Residential smart meters reporting the energy of each 15-minute interval. */
final class SmartMeterGenerator extends SeededRecordGenerator {

    private static final double INTERVAL_HOURS = 0.25;
    private static final double NOISE = 0.15;
    /** Household size scales the curve by 0.5..2.0 (uniform in log space: as many small as big homes). */
    private static final double MIN_HOUSEHOLD_LOG = Math.log(0.5);

    private static final double MAX_HOUSEHOLD_LOG = Math.log(2.0);
    /** The noise factor is capped so a reading never exceeds twice the curve (documented 1.100 kWh max). */
    private static final double MAX_NOISE_FACTOR = 2.0;

    private static final String[] STATUSES = {"Online", "Offline", "Maintenance"};

    private static final int TRAIT_HOUSEHOLD = 1;

    private final int meterIdPos = position("meter_id");
    private final int timestampPos = position("timestamp");
    private final int energyPos = position("energy_consumption");
    private final int statusPos = position("status");

    /** Online, Offline and Maintenance, by the weights of spec.generator.settings.smartMeter.statusMix. */
    private final WeightedIndex statusOdds;

    SmartMeterGenerator(GeneratorSettings settings, StatusMixSpec statusMix) {
        super(GeneratorType.SMART_METER, settings, "meter-");
        this.statusOdds = new WeightedIndex(statusMix.weights());
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        double household = Math.exp(traits.between(device, TRAIT_HOUSEHOLD, MIN_HOUSEHOLD_LOG, MAX_HOUSEHOLD_LOG));
        double meanKwh =
                ResidentialLoadCurve.kilowatts(DailyCycle.utcHour(eventTimeMillis)) * household * INTERVAL_HOURS;
        double noiseFactor = Decimals.clamp(1 + NOISE * random.nextGaussian(), 0, MAX_NOISE_FACTOR);

        record.put(meterIdPos, deviceId(device));
        record.put(timestampPos, eventTimeMillis);
        record.put(energyPos, Decimals.round3(meanKwh * noiseFactor));
        record.put(statusPos, STATUSES[statusOdds.pick(random.nextDouble())]);
    }
}
