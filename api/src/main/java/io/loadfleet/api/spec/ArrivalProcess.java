package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When a pod's records leave, within whole windows that each hold exactly the planned count. */
public enum ArrivalProcess {
    /** Evenly spaced: record n leaves when the rate's integral reaches n. */
    @JsonProperty("constant")
    CONSTANT,
    /** Random instants, as independent arrivals: each second's records at uniformly random times within it. */
    @JsonProperty("poisson")
    POISSON,
    /** Each window of {@code every} opens with {@code size} records at once; the rest are spread evenly. */
    @JsonProperty("bursts")
    BURSTS
}
