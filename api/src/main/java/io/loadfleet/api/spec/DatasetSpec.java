package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real dataset to replay: loaded once from exactly one source, every row checked against the
 * declared columns, then rows drawn at random (with replacement) at the target rate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = DatasetSpec.CEL_SOURCES + " == 1",
        message = "spec.generator.dataset: give exactly one of path, configMapRef, url or s3",
        // the count as a literal: string(int) would be estimated as a string of any length, over the cost budget
        messageExpression = "'spec.generator.dataset: names ' + ['0', '1', '2', '3', '4'][" + DatasetSpec.CEL_SOURCES
                + "] + ' sources: give exactly one of path, configMapRef, url or s3'")
@ValidationRule(
        value = "has(self.format) || " + DatasetSpec.CEL_SOURCES + " != 1 || " + DatasetSpec.CEL_FILE_NAME
                + ".lowerAscii().endsWith('.csv') || " + DatasetSpec.CEL_FILE_NAME
                + ".lowerAscii().endsWith('.jsonl') || "
                + DatasetSpec.CEL_FILE_NAME + ".lowerAscii().endsWith('.ndjson')",
        fieldPath = ".format",
        message = "spec.generator.dataset.format: is required: the source's file name does not end in .csv, .jsonl or "
                + ".ndjson; give csv or jsonl")
public class DatasetSpec {
    /** CEL: how many sources are set. */
    static final String CEL_SOURCES = "(has(self.path) ? 1 : 0) + (has(self.configMapRef) ? 1 : 0)"
            + " + (has(self.url) ? 1 : 0) + (has(self.s3) ? 1 : 0)";
    /**
     * CEL: the source's name as {@link #fileName()} takes it, up to the last '/' (which does not matter for its
     * extension): the path, the URL without its query or fragment, the ConfigMap key or the S3 key.
     */
    static final String CEL_FILE_NAME = "(has(self.path) ? self.path"
            + " : has(self.url) ? self.url.split('?')[0].split('#')[0]"
            + " : has(self.configMapRef) ? (has(self.configMapRef.key) ? self.configMapRef.key : '')"
            + " : has(self.s3) && has(self.s3.key) ? self.s3.key : '')";

    @JsonPropertyDescription("Source: a file path (in a cluster, on a volume mounted into the worker pods).")
    @Pattern("\\S")
    private String path;

    @JsonPropertyDescription("Source: a ConfigMap key (at most 1 MiB), mounted into the worker pods.")
    private ConfigMapKeyRef configMapRef;

    @JsonPropertyDescription("Source: an http:// or https:// URL, fetched once by each worker.")
    @ValidationRule(
            value = "self.startsWith('http://') || self.startsWith('https://')",
            message = "spec.generator.dataset.url: is not an http:// or https:// URL with a host",
            messageExpression =
                    "'spec.generator.dataset.url: \"' + self + '\" is not an http:// or https:// URL" + " with a host'")
    private String url;

    @JsonPropertyDescription("Source: an object in an S3-compatible store.")
    private S3ObjectSpec s3;

    @JsonPropertyDescription("csv (with a header row) | jsonl (one JSON object a line). Default from the file name's "
            + "extension (.csv, .jsonl, .ndjson).")
    private DatasetFormat format;

    @JsonPropertyDescription("The column whose value is each message's key. Default: none, the key is the device id.")
    private String keyColumn;

    @JsonPropertyDescription(
            "The columns every row must have, in the order the record's fields take; other columns are ignored.")
    @Required
    @Size(min = 1)
    private List<DatasetColumn> columns = new ArrayList<>();

    @JsonPropertyDescription("A timestamp column to rebase onto the run's time: {column, mode: now | shift}. Default: "
            + "none, the dataset's values as they are.")
    private DatasetTimestampsSpec timestamps;

    @JsonPropertyDescription("Columns made anew for every drawn row, so ids stay unique although rows are drawn with "
            + "replacement: [{column, kind: uuid | sequence}]. When the key column is one, the key is its new value.")
    private List<RegeneratedColumnSpec> regenerate;

    /** The source's name for messages: its path, URL, ConfigMap key or s3://bucket/key. */
    @JsonIgnore
    public String sourceName() {
        if (path != null) {
            return path;
        }
        if (url != null) {
            return url;
        }
        if (configMapRef != null) {
            return configMapRef.toString();
        }
        return s3 == null ? "(no source)" : "s3://" + s3.getBucket() + "/" + s3.getKey();
    }

    /** The file name the format is inferred from: the last part of the path, URL, key or ConfigMap key. */
    @JsonIgnore
    public String fileName() {
        String name = path != null
                ? path
                : url != null
                        ? url.replaceFirst("[?#].*$", "")
                        : configMapRef != null ? configMapRef.getKey() : s3 != null ? s3.getKey() : null;
        return name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
    }

    /** The declared format, or the one the file name says; empty when neither does. */
    public Optional<DatasetFormat> effectiveFormat() {
        return format != null ? Optional.of(format) : DatasetFormat.ofName(fileName());
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public ConfigMapKeyRef getConfigMapRef() {
        return configMapRef;
    }

    public void setConfigMapRef(ConfigMapKeyRef configMapRef) {
        this.configMapRef = configMapRef;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public S3ObjectSpec getS3() {
        return s3;
    }

    public void setS3(S3ObjectSpec s3) {
        this.s3 = s3;
    }

    public DatasetFormat getFormat() {
        return format;
    }

    public void setFormat(DatasetFormat format) {
        this.format = format;
    }

    public String getKeyColumn() {
        return keyColumn;
    }

    public void setKeyColumn(String keyColumn) {
        this.keyColumn = keyColumn;
    }

    public DatasetTimestampsSpec getTimestamps() {
        return timestamps;
    }

    public void setTimestamps(DatasetTimestampsSpec timestamps) {
        this.timestamps = timestamps;
    }

    /** The columns to regenerate, in the order given; empty for none. */
    public List<RegeneratedColumnSpec> effectiveRegenerate() {
        return regenerate == null ? List.of() : regenerate;
    }

    public List<RegeneratedColumnSpec> getRegenerate() {
        return regenerate;
    }

    public void setRegenerate(List<RegeneratedColumnSpec> regenerate) {
        this.regenerate = regenerate;
    }

    public List<DatasetColumn> getColumns() {
        return columns;
    }

    public void setColumns(List<DatasetColumn> columns) {
        this.columns = columns == null ? new ArrayList<>() : columns;
    }
}
