package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * spec.generator.settings.iotSensor.alertOdds: the share of iot-sensor readings beyond each alert
 * threshold (has_alert is true when any is).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertOddsSpec {
    public static final double DEFAULT_HIGH_TEMPERATURE = 0.05;
    public static final double DEFAULT_HIGH_HUMIDITY = 0.03;
    public static final double DEFAULT_LOW_BATTERY = 0.02;

    @JsonPropertyDescription(
            "Share of readings with a temperature above 35 °C, 0 to 1. Default " + DEFAULT_HIGH_TEMPERATURE + ".")
    @Min(0)
    @Max(1)
    private Double highTemperature;

    @JsonPropertyDescription(
            "Share of readings with a humidity above 80 %, 0 to 1. Default " + DEFAULT_HIGH_HUMIDITY + ".")
    @Min(0)
    @Max(1)
    private Double highHumidity;

    @JsonPropertyDescription(
            "Share of readings with a battery level below 20 %, 0 to 1. Default " + DEFAULT_LOW_BATTERY + ".")
    @Min(0)
    @Max(1)
    private Double lowBattery;

    public double effectiveHighTemperature() {
        return highTemperature == null ? DEFAULT_HIGH_TEMPERATURE : highTemperature;
    }

    public double effectiveHighHumidity() {
        return highHumidity == null ? DEFAULT_HIGH_HUMIDITY : highHumidity;
    }

    public double effectiveLowBattery() {
        return lowBattery == null ? DEFAULT_LOW_BATTERY : lowBattery;
    }

    public Double getHighTemperature() {
        return highTemperature;
    }

    public void setHighTemperature(Double highTemperature) {
        this.highTemperature = highTemperature;
    }

    public Double getHighHumidity() {
        return highHumidity;
    }

    public void setHighHumidity(Double highHumidity) {
        this.highHumidity = highHumidity;
    }

    public Double getLowBattery() {
        return lowBattery;
    }

    public void setLowBattery(Double lowBattery) {
        this.lowBattery = lowBattery;
    }
}
