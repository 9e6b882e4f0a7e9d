package io.loadfleet.api.schema;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.SinkSpec;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Whether records fit CSV files: a column holds one value per row, so no field may be a record,
 * an array or a map (nor a union with such a branch). Dates, decimals, bytes and unions of single
 * values are written as text.
 */
public final class CsvColumns {
    /** The field a refusal names. */
    public static final String AT = "spec.sink.file.format";

    private CsvColumns() {}

    /** Why records of {@code schema} cannot go to {@code sink}; empty when they can, or when it writes no CSV. */
    public static Optional<Problem> refusal(SinkSpec sink, Schema schema) {
        if (sink == null || sink.getFile() == null || sink.getFile().getFormat() != FileFormat.CSV) {
            return Optional.empty();
        }
        for (Schema.Field field : schema.getFields()) {
            String nested = nested(field.schema());
            if (nested != null) {
                return Optional.of(new Problem(
                        AT,
                        "csv cannot hold the nested field " + field.name() + " (" + nested
                                + "): use jsonl or parquet"));
            }
        }
        return Optional.empty();
    }

    /** What makes a type nested: {@code record}, {@code array}, {@code map} or a union with such a branch; null for none. */
    private static String nested(Schema type) {
        return switch (type.getType()) {
            case RECORD, ARRAY, MAP -> type.getType().getName();
            case UNION ->
                type.getTypes().stream()
                        .map(CsvColumns::nested)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .map(branch -> "a union with " + (branch.equals("array") ? "an " : "a ") + branch + " branch")
                        .orElse(null);
            default -> null;
        };
    }
}
