package io.loadfleet.operator.status;

/**
 * A spec change the operator did not roll out, while the fleet keeps running what it ran: the
 * Degraded reason and the message that says why (e.g. the schema registry's own words).
 */
public record HeldBackChange(String reason, String message) {}
