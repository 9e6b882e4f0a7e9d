package io.loadfleet.api.spec;

import java.util.Locale;

/** Where a {@link SinkSpec} sends: which of its members are set. */
public enum SinkKind {
    KAFKA,
    PULSAR,
    FILE;

    /** How summaries, status and metrics name the sink: its member's name in spec.sink, e.g. {@code kafka}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
