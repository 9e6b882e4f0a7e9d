package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** An object in an S3-compatible store (AWS S3, MinIO, Ceph, ...), read with an access key pair from a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3ObjectSpec {
    static final String AT = "spec.generator.dataset.s3.secretRef";

    @JsonPropertyDescription(
            "The store's URL, e.g. http://minio.storage:9000; leave out for AWS S3 itself. "
                    + "With an endpoint, buckets are addressed by path (endpoint/bucket/key), as most S3-compatible stores expect.")
    @ValidationRule(
            value = "self.startsWith('http://') || self.startsWith('https://')",
            message = "spec.generator.dataset.s3.endpoint: is not an http:// or https:// URL with a host",
            messageExpression = "'spec.generator.dataset.s3.endpoint: \"' + self + '\" is not an http:// or https://"
                    + " URL with a host'")
    private String endpoint;

    @JsonPropertyDescription("The region requests are signed for. Default us-east-1.")
    @Pattern("\\S")
    private String region;

    @JsonPropertyDescription("The bucket.")
    @Required
    @Pattern("\\S")
    private String bucket;

    @JsonPropertyDescription("The object's key, e.g. datasets/transactions.csv.")
    @Required
    @Pattern("\\S")
    private String key;

    @JsonPropertyDescription("The Secret holding the access key pair.")
    @Required
    private S3SecretRef secretRef;

    public String effectiveRegion() {
        return region == null ? "us-east-1" : region;
    }

    @JsonIgnore
    public SecretFile accessKeyIdFile() {
        return secretRef.accessKeyIdFile(AT);
    }

    @JsonIgnore
    public SecretFile secretAccessKeyFile() {
        return secretRef.secretAccessKeyFile(AT);
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

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public S3SecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(S3SecretRef secretRef) {
        this.secretRef = secretRef;
    }
}
