package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * spec.generator.settings.temperature: sensor drift. Each probe drifts at a rate of its own, drawn once
 * per probe uniformly in [-driftPerDay, +driftPerDay] °C a day, and is recalibrated (its error back to 0)
 * every recalibrationDays, at a phase of its own: its error is a sawtooth over time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemperatureSettingsSpec {
    public static final double DEFAULT_DRIFT_PER_DAY = 0;
    public static final double MAX_DRIFT_PER_DAY = 10;
    public static final int DEFAULT_RECALIBRATION_DAYS = 30;
    public static final int MAX_RECALIBRATION_DAYS = 3_650;

    @JsonPropertyDescription("Largest drift of a probe in °C a day, 0 to 10; each probe drifts at its own rate, up "
            + "or down, at most this fast; readings stay within 5..35 °C. Default 0: no drift.")
    @Min(0)
    @Max(MAX_DRIFT_PER_DAY)
    private Double driftPerDay;

    @JsonPropertyDescription("Days between a probe's recalibrations, which reset its drift, 1 to 3650. Default "
            + DEFAULT_RECALIBRATION_DAYS + ".")
    @Min(1)
    @Max(MAX_RECALIBRATION_DAYS)
    private Integer recalibrationDays;

    public double effectiveDriftPerDay() {
        return driftPerDay == null ? DEFAULT_DRIFT_PER_DAY : driftPerDay;
    }

    public int effectiveRecalibrationDays() {
        return recalibrationDays == null ? DEFAULT_RECALIBRATION_DAYS : recalibrationDays;
    }

    public Double getDriftPerDay() {
        return driftPerDay;
    }

    public void setDriftPerDay(Double driftPerDay) {
        this.driftPerDay = driftPerDay;
    }

    public Integer getRecalibrationDays() {
        return recalibrationDays;
    }

    public void setRecalibrationDays(Integer recalibrationDays) {
        this.recalibrationDays = recalibrationDays;
    }
}
