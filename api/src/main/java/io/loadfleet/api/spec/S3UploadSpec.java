package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Where sink.file uploads each file it finishes: a bucket and key prefix of an S3-compatible store (AWS S3, MinIO,
 * Ceph, ...), written with an access key pair from a Secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3UploadSpec {
    /** This field's path, for messages. */
    public static final String AT = "spec.sink.file.s3";
    /** A bucket name without '/' (a key prefix put in the bucket by mistake) or white space. */
    public static final String BUCKET_PATTERN = "^[^/\\s]+$";
    /** A key prefix that does not start with '/' (keys have no leading slash) or white space. */
    public static final String PREFIX_PATTERN = "^[^/\\s]";

    @JsonPropertyDescription(
            "The store's URL, e.g. http://minio.storage:9000; leave out for AWS S3 itself. "
                    + "With an endpoint, buckets are addressed by path (endpoint/bucket/key), as most S3-compatible stores expect.")
    @ValidationRule(
            value = "self.startsWith('http://') || self.startsWith('https://')",
            message = AT + ".endpoint: is not an http:// or https:// URL with a host",
            messageExpression = "'" + AT + ".endpoint: \"' + self + '\" is not an http:// or https:// URL with a host'")
    private String endpoint;

    @JsonPropertyDescription("The region requests are signed for. Default us-east-1.")
    @Pattern("\\S")
    private String region;

    @JsonPropertyDescription("The bucket the files go to; it must exist.")
    @Required
    @Pattern(BUCKET_PATTERN)
    private String bucket;

    @JsonPropertyDescription("Key prefix of the objects, without a leading '/', e.g. lake/iot: a file becomes "
            + "PREFIX/profile=NAME/shard=SSSS/epoch=E/part-NNNNN-RUN.EXT, Hive-style partitions a data-lake table "
            + "can be defined over. Leave out to write at the bucket's root.")
    @Pattern(PREFIX_PATTERN)
    private String prefix;

    @JsonPropertyDescription("The Secret holding the access key pair.")
    @Required
    private S3SecretRef secretRef;

    public String effectiveRegion() {
        return region == null ? "us-east-1" : region;
    }

    /** The access key pair's Secret keys, which a pod must have mounted. */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        return List.of(accessKeyIdFile(), secretAccessKeyFile());
    }

    @JsonIgnore
    public SecretFile accessKeyIdFile() {
        return secretRef.accessKeyIdFile(AT + ".secretRef");
    }

    @JsonIgnore
    public SecretFile secretAccessKeyFile() {
        return secretRef.secretAccessKeyFile(AT + ".secretRef");
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public S3SecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(S3SecretRef secretRef) {
        this.secretRef = secretRef;
    }
}
