package io.loadfleet.api.spec;

/** Where a {@link SinkSpec} sends: which of its members is set. */
public enum SinkKind {
    KAFKA,
    PULSAR,
    FILE
}
