package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.AlertOddsSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.records.GeneratedRecord;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.avro.util.Utf8;

/**
 * Building IoT sensors: environment readings that follow the device's local day, device health,
 * cumulative network counters and injected alert conditions at configurable odds.
 *
 * <p>Public (unlike the other generators) so tests and tools can give alert odds directly.
 */
public final class IotSensorGenerator extends SeededRecordGenerator {

    /**
     * The share of readings that carry each alert condition (each drawn independently):
     * temperature above 35 °C, humidity above 80 %, battery below 20 %.
     */
    public record AlertOdds(double highTemperature, double highHumidity, double lowBattery) {

        /** 5 %, 3 % and 2 %, the odds of the producer this generator descends from. */
        public static final AlertOdds DEFAULT = of(new AlertOddsSpec());

        /** The odds of spec.generator.settings.iotSensor.alertOdds, each left out at its default. */
        public static AlertOdds of(AlertOddsSpec spec) {
            return new AlertOdds(
                    spec.effectiveHighTemperature(), spec.effectiveHighHumidity(), spec.effectiveLowBattery());
        }

        public AlertOdds {
            requireProbability("highTemperature", highTemperature);
            requireProbability("highHumidity", highHumidity);
            requireProbability("lowBattery", lowBattery);
        }

        private static void requireProbability(String name, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(name + " odds must be within 0..1: " + p);
            }
        }
    }

    private static final Utf8[] DEVICE_TYPES = Stream.of(
                    "temperature_sensor",
                    "humidity_sensor",
                    "pressure_sensor",
                    "motion_sensor",
                    "light_sensor",
                    "co2_sensor",
                    "noise_sensor",
                    "multisensor",
                    "air_quality_monitor",
                    "smart_thermostat",
                    "water_leak_detector",
                    "smoke_detector",
                    "door_window_sensor",
                    "occupancy_sensor",
                    "energy_meter",
                    "vibration_sensor",
                    "soil_moisture_sensor",
                    "gas_detector",
                    "weather_station",
                    "asset_tracker")
            .map(Utf8::new)
            .toArray(Utf8[]::new);

    /** Status codes 1 online, 2 offline, 3 maintenance, 4 error, at 95/2/1/2 %. */
    private static final WeightedIndex STATUS_ODDS = new WeightedIndex(95, 2, 1, 2);

    private static final int ONLINE = 1;
    private static final int ERROR = 4;

    // alert thresholds: normal values stay on their safe side, alert values are drawn beyond them
    private static final double ALERT_TEMPERATURE = 35;
    private static final double ALERT_HUMIDITY = 80;
    private static final double ALERT_BATTERY = 20;

    // the local hours at which the daily waves peak
    private static final DailyCycle.Peak BRIGHTEST = DailyCycle.peak(13);
    private static final DailyCycle.Peak WARMEST = DailyCycle.peak(15);

    private static final int TRAIT_TYPE = 1;
    private static final int TRAIT_TEMPERATURE = 2;
    private static final int TRAIT_HUMIDITY = 3;
    private static final int TRAIT_LIGHT_EXPOSURE = 4;
    private static final int TRAIT_OCCUPANCY = 5;
    private static final int TRAIT_BATTERY_CYCLE = 6;
    private static final int TRAIT_BATTERY_PHASE = 7;
    private static final int TRAIT_SIGNAL = 8;
    private static final int TRAIT_MEMORY = 9;
    private static final int TRAIT_CPU = 10;

    private static final int ERRORS = 0;
    private static final int PACKETS_SENT = 1;
    private static final int PACKETS_RECEIVED = 2;
    private static final int BYTES_SENT = 3;
    private static final int BYTES_RECEIVED = 4;
    private static final int COUNTERS = 5;

    private final int deviceIdPos = position("device_id");
    private final int deviceTypePos = position("device_type");
    private final int customerIdPos = position("customer_id");
    private final int siteIdPos = position("site_id");
    private final int latitudePos = position("latitude");
    private final int longitudePos = position("longitude");
    private final int altitudePos = position("altitude");
    private final int timePos = position("time");
    private final int temperaturePos = position("temperature");
    private final int humidityPos = position("humidity");
    private final int pressurePos = position("pressure");
    private final int co2LevelPos = position("co2_level");
    private final int noiseLevelPos = position("noise_level");
    private final int lightLevelPos = position("light_level");
    private final int motionDetectedPos = position("motion_detected");
    private final int batteryLevelPos = position("battery_level");
    private final int signalStrengthPos = position("signal_strength");
    private final int memoryUsagePos = position("memory_usage");
    private final int cpuUsagePos = position("cpu_usage");
    private final int statusPos = position("status");
    private final int errorCountPos = position("error_count");
    private final int packetsSentPos = position("packets_sent");
    private final int packetsReceivedPos = position("packets_received");
    private final int bytesSentPos = position("bytes_sent");
    private final int bytesReceivedPos = position("bytes_received");
    private final int hasAlertPos = position("has_alert");

    private final AlertOdds alertOdds;
    private final SiteLocations locations = new SiteLocations(traits);
    private final CumulativeCounters counters;
    /**
     * Each device's stable values (labels, place, baselines: a dozen trait hashes), derived once
     * per device instead of per record, so that a record costs only what varies between records.
     */
    private final PerDeviceCache<Device> devices;

    /** What a device is and where, and the baselines its readings vary around: pure functions of (seed, device). */
    private record Device(
            Utf8 id,
            Utf8 type,
            Utf8 customer,
            Utf8 site,
            double latitude,
            double longitude,
            double altitude,
            double temperature,
            double humidity,
            double lightExposure,
            double occupancy,
            double batteryCycleDays,
            double batteryPhase,
            double signal,
            double memory,
            double cpu) {}

    public IotSensorGenerator(GeneratorSettings settings, AlertOdds alertOdds) {
        super(GeneratorType.IOT_SENSOR, settings, "dev-");
        this.alertOdds = Objects.requireNonNull(alertOdds, "alertOdds");
        this.counters = new CumulativeCounters(settings.deviceCount(), COUNTERS);
        this.devices = new PerDeviceCache<>(settings, this::describe);
    }

    private Device describe(long device) {
        double cycleDays = traits.between(device, TRAIT_BATTERY_CYCLE, 60, 120);
        return new Device(
                deviceId(device),
                DEVICE_TYPES[(int) (traits.unit(device, TRAIT_TYPE) * DEVICE_TYPES.length)],
                DeviceLabels.utf8("cust-", device / 10, 6),
                DeviceLabels.utf8("site-", device / SiteLocations.DEVICES_PER_SITE, 5),
                locations.latitude(device),
                locations.longitude(device),
                locations.altitude(device),
                traits.between(device, TRAIT_TEMPERATURE, 18, 26),
                traits.between(device, TRAIT_HUMIDITY, 35, 65),
                traits.between(device, TRAIT_LIGHT_EXPOSURE, 0.05, 1),
                traits.between(device, TRAIT_OCCUPANCY, 0.2, 1),
                cycleDays,
                traits.unit(device, TRAIT_BATTERY_PHASE) * cycleDays,
                traits.between(device, TRAIT_SIGNAL, -85, -40),
                traits.between(device, TRAIT_MEMORY, 25, 70),
                traits.between(device, TRAIT_CPU, 12, 40));
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        Device d = devices.get(device);
        DailyCycle.Hour hour = DailyCycle.Hour.solar(eventTimeMillis, d.longitude());
        double daylight = Math.max(0, hour.wave(BRIGHTEST));

        fillIdentity(d, eventTimeMillis, record);
        fillAlertingReadings(d, hour.wave(WARMEST), eventTimeMillis, record);
        fillEnvironment(d, daylight, record);
        fillHealth(d, daylight, record);
        int status = STATUS_ODDS.pick(random.nextDouble()) + 1;
        record.put(statusPos, status);
        fillCounters(slot, status, record);
    }

    /** Who and where the device is: all stable per device. */
    private void fillIdentity(Device d, long eventTimeMillis, GeneratedRecord record) {
        record.put(deviceIdPos, d.id());
        record.put(deviceTypePos, d.type());
        record.put(customerIdPos, d.customer());
        record.put(siteIdPos, d.site());
        record.put(latitudePos, d.latitude());
        record.put(longitudePos, d.longitude());
        record.put(altitudePos, d.altitude());
        record.put(timePos, eventTimeMillis);
    }

    /** Temperature, humidity and battery: each either normal or, at its odds, beyond its alert threshold. */
    private void fillAlertingReadings(Device d, double warmth, long eventTimeMillis, GeneratedRecord record) {
        double temperature = random.chance(alertOdds.highTemperature())
                ? Decimals.round2(random.between(35.5, 42))
                : Decimals.round2(
                        Decimals.clamp(d.temperature() + 3 * warmth + random.nextGaussian(), 15, ALERT_TEMPERATURE));
        double humidity = random.chance(alertOdds.highHumidity())
                ? Decimals.round1(random.between(80.5, 98))
                : Decimals.round1(
                        Decimals.clamp(d.humidity() - 5 * warmth + 4 * random.nextGaussian(), 20, ALERT_HUMIDITY));
        double battery = random.chance(alertOdds.lowBattery())
                ? Decimals.round1(random.between(5, 19.5))
                : Decimals.round1(Decimals.clamp(
                        normalBattery(d, eventTimeMillis) + 0.3 * random.nextGaussian(), ALERT_BATTERY, 100));
        record.put(temperaturePos, temperature);
        record.put(humidityPos, humidity);
        record.put(batteryLevelPos, battery);
        record.put(
                hasAlertPos, temperature > ALERT_TEMPERATURE || humidity > ALERT_HUMIDITY || battery < ALERT_BATTERY);
    }

    /** Air and surroundings; CO2, noise, light and motion rise with the local daylight. */
    private void fillEnvironment(Device d, double daylight, GeneratedRecord record) {
        double occupancy = daylight * d.occupancy();
        record.put(pressurePos, Decimals.round1(Decimals.clamp(1013.25 + 7 * random.nextGaussian(), 980, 1040)));
        record.put(
                co2LevelPos,
                Decimals.round1(
                        Decimals.clamp(420 + 900 * occupancy + 80 * Math.abs(random.nextGaussian()), 400, 2000)));
        record.put(
                noiseLevelPos,
                Decimals.round1(Decimals.clamp(34 + 25 * occupancy + 5 * random.nextGaussian(), 30, 90)));
        record.put(
                lightLevelPos,
                Decimals.round1(
                        Decimals.clamp(daylight * d.lightExposure() * 10_000 + random.between(0, 400), 0, 10_000)));
        record.put(motionDetectedPos, random.chance(0.03 + 0.4 * daylight));
    }

    /** Radio and load around stable per-device levels; the CPU works harder in the daytime. */
    private void fillHealth(Device d, double daylight, GeneratedRecord record) {
        record.put(
                signalStrengthPos, Decimals.round1(Decimals.clamp(d.signal() + 3 * random.nextGaussian(), -90, -30)));
        record.put(memoryUsagePos, Decimals.round1(Decimals.clamp(d.memory() + 4 * random.nextGaussian(), 20, 80)));
        record.put(
                cpuUsagePos,
                Decimals.round1(Decimals.clamp(d.cpu() + 20 * daylight + 5 * random.nextGaussian(), 10, 70)));
    }

    /** A battery drains from 100 % to 20 % over its per-device cycle, then is replaced. */
    private static double normalBattery(Device d, long eventTimeMillis) {
        double cycleDays = d.batteryCycleDays();
        double age = DailyCycle.days(eventTimeMillis) + d.batteryPhase();
        double used = (age - cycleDays * Math.floor(age / cycleDays)) / cycleDays;
        return 100 - (100 - ALERT_BATTERY) * used;
    }

    /** Advances the device's totals: only a device that talks (online or error) moves packets. */
    private void fillCounters(int slot, int status, GeneratedRecord record) {
        long sent = 0;
        long received = 0;
        if (status == ONLINE || status == ERROR) {
            sent = 1 + random.nextInt(20);
            received = random.nextInt(11);
        }
        record.put(errorCountPos, counters.add(slot, ERRORS, status == ERROR ? 1 : 0));
        record.put(packetsSentPos, counters.add(slot, PACKETS_SENT, sent));
        record.put(packetsReceivedPos, counters.add(slot, PACKETS_RECEIVED, received));
        record.put(bytesSentPos, counters.add(slot, BYTES_SENT, sent * (64 + random.nextInt(448))));
        record.put(bytesReceivedPos, counters.add(slot, BYTES_RECEIVED, received * (64 + random.nextInt(448))));
    }
}
