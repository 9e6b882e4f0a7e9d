package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A column of a dataset: its name in the file (CSV header or JSON key), which is also the record field's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetColumn {
    /** A record field's name in Avro: what the validator accepts as a column name (and the CRD's pattern). */
    public static final String NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";

    @JsonPropertyDescription("Column name: the CSV header's or the JSON object's key; also the record field's name.")
    @Required
    @Pattern(NAME_PATTERN)
    private String name;

    @JsonPropertyDescription("string | int | long | double | boolean | timestamp (ISO-8601 or epoch milliseconds).")
    @Required
    private ColumnType type;

    @JsonPropertyDescription("Whether an empty CSV cell or a JSON null is allowed (and sent as null). Default false.")
    private Boolean nullable;

    public DatasetColumn() {}

    public DatasetColumn(String name, ColumnType type, Boolean nullable) {
        this.name = name;
        this.type = type;
        this.nullable = nullable;
    }

    public boolean effectiveNullable() {
        return Boolean.TRUE.equals(nullable);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ColumnType getType() {
        return type;
    }

    public void setType(ColumnType type) {
        this.type = type;
    }

    public Boolean getNullable() {
        return nullable;
    }

    public void setNullable(Boolean nullable) {
        this.nullable = nullable;
    }
}
