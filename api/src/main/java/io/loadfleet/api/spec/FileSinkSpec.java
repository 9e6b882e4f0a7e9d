package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * Writes the records to files, one file set per shard, instead of sending them to a broker; with {@link #getS3() s3}
 * each finished file is uploaded to an object store and the directory only stages them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FileSinkSpec {
    public static final long DEFAULT_ROLL_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_ROLL_SECONDS = 60;

    @JsonPropertyDescription("Directory the files go to, created when missing; each shard writes "
            + "shard-SSSS-NNNNN.EXT there. In a cluster a path under /tmp (an emptyDir, gone with the pod) or under a "
            + "writable mountPath of spec.worker.volumeMounts, e.g. a volumeClaimTemplates claim that outlives the pods. "
            + "With s3, files wait here until uploaded and are deleted once they are.")
    @Required
    @Pattern("\\S")
    private String path;

    @JsonPropertyDescription("File format: csv (with a header row) | jsonl (one JSON object a line) | parquet "
            + "(Snappy, the generator's Avro schema).")
    @Required
    private FileFormat format;

    @JsonPropertyDescription("A shard starts its next file once the current one has reached this many bytes, "
            + "at least 65536. Default 268435456 (256 MiB).")
    @Min(Limits.MIN_ROLL_BYTES)
    private Long rollBytes;

    @JsonPropertyDescription("A shard also ends its file once it has been open this many seconds, 1 to 86400. "
            + "Parquet records count as written when their file ends (it is readable only with its footer), "
            + "so this bounds how long they wait. Default 60.")
    @Min(1)
    @Max(Limits.MAX_ROLL_SECONDS)
    private Integer rollSeconds;

    @JsonPropertyDescription("Upload each finished file (at a roll and at the end) to an S3-compatible store; "
            + "its records are acked once it is uploaded.")
    private S3UploadSpec s3;

    /** rollBytes with its default applied. */
    public long effectiveRollBytes() {
        return rollBytes == null ? DEFAULT_ROLL_BYTES : rollBytes;
    }

    /** rollSeconds with its default applied. */
    public int effectiveRollSeconds() {
        return rollSeconds == null ? DEFAULT_ROLL_SECONDS : rollSeconds;
    }

    /** The Secret keys this sink reads (those of s3), which a pod must have mounted. */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        return s3 == null ? List.of() : s3.secretFiles();
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public FileFormat getFormat() {
        return format;
    }

    public void setFormat(FileFormat format) {
        this.format = format;
    }

    public Long getRollBytes() {
        return rollBytes;
    }

    public void setRollBytes(Long rollBytes) {
        this.rollBytes = rollBytes;
    }

    public Integer getRollSeconds() {
        return rollSeconds;
    }

    public void setRollSeconds(Integer rollSeconds) {
        this.rollSeconds = rollSeconds;
    }

    public S3UploadSpec getS3() {
        return s3;
    }

    public void setS3(S3UploadSpec s3) {
        this.s3 = s3;
    }
}
