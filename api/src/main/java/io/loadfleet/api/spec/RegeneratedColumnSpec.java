package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A column of spec.generator.dataset.regenerate: its value made anew for every drawn row. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegeneratedColumnSpec {

    @JsonPropertyDescription("The column whose value is replaced: a declared column, once in the list.")
    @Required
    @Pattern(DatasetColumn.NAME_PATTERN)
    private String column;

    @JsonPropertyDescription("uuid: a fresh version-4 UUID, replayed with the seed (a string column) | sequence: "
            + "shard × 100000000000000 + the record's sequence number, unique across the fleet's shards within an "
            + "epoch (a long column, or a string one as its decimal text).")
    @Required
    private RegenerateKind kind;

    public RegeneratedColumnSpec() {}

    public RegeneratedColumnSpec(String column, RegenerateKind kind) {
        this.column = column;
        this.kind = kind;
    }

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public RegenerateKind getKind() {
        return kind;
    }

    public void setKind(RegenerateKind kind) {
        this.kind = kind;
    }
}
