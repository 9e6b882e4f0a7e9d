package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * spec.generator.dataset.timestamps: a timestamp column rebased onto the run's time, so replayed
 * rows look recent. A null value stays null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetTimestampsSpec {

    @JsonPropertyDescription("The column to rebase: a declared column of type timestamp.")
    @Required
    @Pattern(DatasetColumn.NAME_PATTERN)
    private String column;

    @JsonPropertyDescription("now: each record's value is its event time (the scheduled send time) | shift: every "
            + "value moves by the same offset, so the column's earliest value in the dataset falls on the fleet's "
            + "start and the rows keep their spacing. Default now.")
    private TimestampMode mode;

    public TimestampMode effectiveMode() {
        return mode == null ? TimestampMode.NOW : mode;
    }

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public TimestampMode getMode() {
        return mode;
    }

    public void setMode(TimestampMode mode) {
        this.mode = mode;
    }
}
