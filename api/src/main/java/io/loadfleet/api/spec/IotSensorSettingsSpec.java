package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** spec.generator.settings.iotSensor: what the iot-sensor generator lets a profile set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IotSensorSettingsSpec {

    @JsonPropertyDescription("The share of readings that carry each alert condition, each drawn independently.")
    private AlertOddsSpec alertOdds;

    /** The alert odds, or the defaults. */
    public AlertOddsSpec effectiveAlertOdds() {
        return alertOdds == null ? new AlertOddsSpec() : alertOdds;
    }

    public AlertOddsSpec getAlertOdds() {
        return alertOdds;
    }

    public void setAlertOdds(AlertOddsSpec alertOdds) {
        this.alertOdds = alertOdds;
    }
}
