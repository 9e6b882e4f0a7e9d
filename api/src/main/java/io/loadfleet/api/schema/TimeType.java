package io.loadfleet.api.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * The logical types that count time in an int or long: what a unit is, the value an event time
 * gives (their default), and their ISO-8601 text (how JSON and CSV show them).
 */
public enum TimeType {
    DATE("date", 0),
    TIME_MILLIS("time-millis", 1_000_000),
    TIME_MICROS("time-micros", 1_000),
    TIMESTAMP_MILLIS("timestamp-millis", 1_000_000),
    TIMESTAMP_MICROS("timestamp-micros", 1_000),
    TIMESTAMP_NANOS("timestamp-nanos", 1),
    LOCAL_TIMESTAMP_MILLIS("local-timestamp-millis", 1_000_000),
    LOCAL_TIMESTAMP_MICROS("local-timestamp-micros", 1_000),
    LOCAL_TIMESTAMP_NANOS("local-timestamp-nanos", 1);

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String logicalType;
    /** Nanoseconds in one unit; 0 for a date, which counts days. */
    private final long nanos;

    TimeType(String logicalType, long nanos) {
        this.logicalType = logicalType;
        this.nanos = nanos;
    }

    /** The time type of {@code type}; null when it has none of these logical types. */
    public static TimeType of(Schema type) {
        LogicalType logical = type.getLogicalType();
        if (logical == null) {
            return null;
        }
        for (TimeType t : values()) {
            if (t.logicalType.equals(logical.getName())) {
                return t;
            }
        }
        return null;
    }

    public boolean isTimeOfDay() {
        return this == TIME_MILLIS || this == TIME_MICROS;
    }

    /** Units in a day: a time of day is below it. */
    public long unitsPerDay() {
        return MILLIS_PER_DAY * NANOS_PER_MILLI / nanos;
    }

    /** The value at {@code epochMillis}: its date or time of day in UTC, or the instant in this type's unit. */
    public long at(long epochMillis) {
        if (this == DATE) {
            return Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        }
        long millis = isTimeOfDay() ? Math.floorMod(epochMillis, MILLIS_PER_DAY) : epochMillis;
        return millis * (NANOS_PER_MILLI / nanos);
    }

    /**
     * ISO-8601: {@code 2026-01-31} for a date, {@code 13:45:30.5} for a time of day, {@code
     * 2026-01-31T13:45:30.000123Z} for a timestamp, without the zone for a local one.
     */
    public String text(long value) {
        if (this == DATE) {
            return LocalDate.ofEpochDay(value).toString();
        }
        if (isTimeOfDay()) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofNanoOfDay(value * nanos));
        }
        long unitsPerSecond = NANOS_PER_SECOND / nanos;
        long seconds = Math.floorDiv(value, unitsPerSecond);
        long nano = Math.floorMod(value, unitsPerSecond) * nanos;
        return switch (this) {
            case LOCAL_TIMESTAMP_MILLIS, LOCAL_TIMESTAMP_MICROS, LOCAL_TIMESTAMP_NANOS ->
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        LocalDateTime.ofEpochSecond(seconds, (int) nano, ZoneOffset.UTC));
            default -> Instant.ofEpochSecond(seconds, nano).toString();
        };
    }
}
