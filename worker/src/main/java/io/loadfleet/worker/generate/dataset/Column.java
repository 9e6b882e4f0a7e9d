package io.loadfleet.worker.generate.dataset;

import io.loadfleet.api.spec.ColumnType;
import io.loadfleet.api.spec.DatasetColumn;
import io.loadfleet.worker.records.GeneratedRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.util.Utf8;

/**
 * One column's values for every row, held unboxed: numbers in a long array (doubles as bits),
 * text as UTF-8 encoded once, repeated text shared (a dataset's categories and ids repeat a lot).
 */
final class Column {
    private final DatasetColumn declared;
    /** While loading: each distinct text once; dropped after, so it does not double a column of unique ids. */
    private Map<String, Utf8> interned = new HashMap<>();

    private long[] numbers = new long[1024];
    private Utf8[] texts;
    private boolean[] nulls;
    private int size;

    Column(DatasetColumn declared) {
        this.declared = declared;
        if (declared.getType() == ColumnType.STRING) {
            texts = new Utf8[1024];
        }
        if (declared.effectiveNullable()) {
            nulls = new boolean[1024];
        }
    }

    String name() {
        return declared.getName();
    }

    /**
     * Parses a CSV cell into the value this column holds (a Long, Double, Boolean or String; null
     * for an empty cell of a nullable column).
     *
     * @throws IllegalArgumentException saying why the cell does not fit
     */
    Object parseText(String cell) {
        if (cell.isEmpty() && declared.effectiveNullable()) {
            return null;
        }
        String t = cell.strip();
        try {
            return switch (declared.getType()) {
                case STRING -> cell;
                case INT -> (long) Integer.parseInt(t);
                case LONG -> Long.parseLong(t);
                case DOUBLE -> Double.parseDouble(t);
                case BOOLEAN -> parseBoolean(t);
                case TIMESTAMP -> parseTimestamp(t);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw mismatch(cell);
        }
    }

    /** A JSON value into the value this column holds, as {@link #parseText}. */
    Object parseJson(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull()) {
            if (declared.effectiveNullable()) {
                return null;
            }
            throw new IllegalArgumentException(node == null ? "is missing" : "is null, and the column is not nullable");
        }
        boolean fits = switch (declared.getType()) {
            case STRING -> node.isTextual();
            case INT -> node.isIntegralNumber() && node.canConvertToInt();
            case LONG -> node.isIntegralNumber() && node.canConvertToLong();
            case DOUBLE -> node.isNumber();
            case BOOLEAN -> node.isBoolean();
            case TIMESTAMP -> node.isTextual() || (node.isIntegralNumber() && node.canConvertToLong());
        };
        if (!fits) {
            throw mismatch(node.toString());
        }
        return switch (declared.getType()) {
            case STRING -> node.textValue();
            case INT, LONG -> node.longValue();
            case DOUBLE -> node.doubleValue();
            case BOOLEAN -> node.booleanValue();
            case TIMESTAMP -> node.isTextual() ? parseText(node.textValue()) : node.longValue();
        };
    }

    /** Appends a row's value (as the parse methods return it). */
    void add(Object value) {
        if (size == numbers.length) {
            int grown = size * 2;
            numbers = Arrays.copyOf(numbers, grown);
            texts = texts == null ? null : Arrays.copyOf(texts, grown);
            nulls = nulls == null ? null : Arrays.copyOf(nulls, grown);
        }
        if (value == null) {
            nulls[size] = true;
        } else if (value instanceof String s) {
            texts[size] = interned.computeIfAbsent(s, Utf8::new);
        } else if (value instanceof Double d) {
            numbers[size] = Double.doubleToRawLongBits(d);
        } else if (value instanceof Boolean b) {
            numbers[size] = b ? 1 : 0;
        } else {
            numbers[size] = (Long) value;
        }
        size++;
    }

    /** The smallest value of a long or timestamp column, nulls aside; empty when every value is null. */
    OptionalLong min() {
        OptionalLong min = OptionalLong.empty();
        for (int row = 0; row < size; row++) {
            if ((nulls == null || !nulls[row]) && (min.isEmpty() || numbers[row] < min.getAsLong())) {
                min = OptionalLong.of(numbers[row]);
            }
        }
        return min;
    }

    /** Ends loading: the column is read-only from here on. */
    void seal() {
        interned = null;
    }

    /** Puts row {@code row}'s value into field {@code pos} of {@code record}. */
    void put(int row, int pos, GeneratedRecord record) {
        if (nulls != null && nulls[row]) {
            record.putNull(pos);
            return;
        }
        switch (declared.getType()) {
            case STRING -> record.put(pos, texts[row]);
            case INT -> record.put(pos, (int) numbers[row]);
            case LONG, TIMESTAMP -> record.put(pos, numbers[row]);
            case DOUBLE -> record.put(pos, Double.longBitsToDouble(numbers[row]));
            case BOOLEAN -> record.put(pos, numbers[row] != 0);
        }
    }

    /** Row {@code row}'s value as text in UTF-8 of exactly its length, for a message key; null when it is null. */
    Utf8 text(int row) {
        if (nulls != null && nulls[row]) {
            return null;
        }
        return switch (declared.getType()) {
            case STRING -> texts[row];
            case DOUBLE -> new Utf8(Double.toString(Double.longBitsToDouble(numbers[row])));
            case BOOLEAN -> new Utf8(Boolean.toString(numbers[row] != 0));
            case TIMESTAMP -> new Utf8(Instant.ofEpochMilli(numbers[row]).toString());
            case INT, LONG -> new Utf8(Long.toString(numbers[row]));
        };
    }

    private static Boolean parseBoolean(String t) {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new NumberFormatException(t);
    }

    private static Long parseTimestamp(String t) {
        return t.chars().allMatch(c -> c == '-' || Character.isDigit(c))
                ? Long.parseLong(t)
                : Instant.parse(t).toEpochMilli();
    }

    private IllegalArgumentException mismatch(String value) {
        String what = switch (declared.getType()) {
            case STRING -> "a string";
            case INT -> "an int";
            case LONG -> "a long";
            case DOUBLE -> "a double";
            case BOOLEAN -> "a boolean (true or false)";
            case TIMESTAMP -> "a timestamp (ISO-8601 such as 2026-01-31T12:00:00Z, or epoch milliseconds)";
        };
        return new IllegalArgumentException("\"" + value + "\" is not " + what);
    }
}
