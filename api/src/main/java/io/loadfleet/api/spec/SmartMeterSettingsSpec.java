package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** spec.generator.settings.smartMeter: what the smart-meter generator lets a profile set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SmartMeterSettingsSpec {

    @JsonPropertyDescription("How often each status occurs: relative weights, all three given. Default online "
            + StatusMixSpec.DEFAULT_ONLINE + ", offline " + StatusMixSpec.DEFAULT_OFFLINE + ", maintenance "
            + StatusMixSpec.DEFAULT_MAINTENANCE + ".")
    private StatusMixSpec statusMix;

    /** The status weights, or the defaults. */
    public StatusMixSpec effectiveStatusMix() {
        return statusMix == null ? StatusMixSpec.defaults() : statusMix;
    }

    public StatusMixSpec getStatusMix() {
        return statusMix;
    }

    public void setStatusMix(StatusMixSpec statusMix) {
        this.statusMix = statusMix;
    }
}
