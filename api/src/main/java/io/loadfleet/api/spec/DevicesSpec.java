package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The pool of simulated devices (meters, sensors, accounts, players). */
public class DevicesSpec {
    @JsonPropertyDescription("Number of devices; device ids are 0..count-1, split into contiguous per-pod ranges.")
    private Long count;

    public Long getCount() { return count; }
    public void setCount(Long count) { this.count = count; }
}
