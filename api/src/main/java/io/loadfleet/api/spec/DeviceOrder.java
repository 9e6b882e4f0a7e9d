package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** In which order a pod's records visit the devices of its range. */
public enum DeviceOrder {
    /** Each device in turn, as meters reporting on a fixed interval do: every device equally often. */
    @JsonProperty("round-robin")
    ROUND_ROBIN,
    /** Each record draws its device at random from the pod's range (with devices.distribution's odds). */
    @JsonProperty("random")
    RANDOM
}
