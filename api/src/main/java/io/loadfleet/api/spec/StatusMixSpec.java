package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * spec.generator.settings.smartMeter.statusMix: relative weights of the meter statuses; a status's
 * share of readings is its weight over the three weights' sum.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.online) || !has(self.offline) || !has(self.maintenance)"
                + " || self.online + self.offline + self.maintenance > 0.0",
        message = "spec.generator.settings.smartMeter.statusMix: the weights sum to 0: give at least one status a "
                + "weight above 0, e.g. online 97, offline 2, maintenance 1")
public class StatusMixSpec {
    public static final int DEFAULT_ONLINE = 97;
    public static final int DEFAULT_OFFLINE = 2;
    public static final int DEFAULT_MAINTENANCE = 1;

    @JsonPropertyDescription("Weight of Online readings, 0 or more.")
    @Required
    @Min(0)
    private Double online;

    @JsonPropertyDescription("Weight of Offline readings, 0 or more.")
    @Required
    @Min(0)
    private Double offline;

    @JsonPropertyDescription("Weight of Maintenance readings, 0 or more.")
    @Required
    @Min(0)
    private Double maintenance;

    public StatusMixSpec() {}

    public StatusMixSpec(Double online, Double offline, Double maintenance) {
        this.online = online;
        this.offline = offline;
        this.maintenance = maintenance;
    }

    /** The mix the smart-meter generator always had: 97 % online, 2 % offline, 1 % maintenance. */
    public static StatusMixSpec defaults() {
        return new StatusMixSpec((double) DEFAULT_ONLINE, (double) DEFAULT_OFFLINE, (double) DEFAULT_MAINTENANCE);
    }

    /** The weights of Online, Offline and Maintenance, in that order, of a validated mix. */
    @JsonIgnore
    public double[] weights() {
        return new double[] {online, offline, maintenance};
    }

    public Double getOnline() {
        return online;
    }

    public void setOnline(Double online) {
        this.online = online;
    }

    public Double getOffline() {
        return offline;
    }

    public void setOffline(Double offline) {
        this.offline = offline;
    }

    public Double getMaintenance() {
        return maintenance;
    }

    public void setMaintenance(Double maintenance) {
        this.maintenance = maintenance;
    }
}
