package io.loadfleet.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.InvalidProfileException;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.S3UploadSpec;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.api.validation.ProfileValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sink.file.s3: its fields and defaults, the Secret keys a pod must mount, and each bad field named. */
class FileSinkS3Test {
    static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: lake}
            spec:
              targetRate: 1000
              devices: {count: 100}
              generator: {type: iot-sensor}
              sink:
                file:
                  path: /tmp/staging
                  format: parquet
                  s3: S3
            """;

    static LoadProfile parse(String s3) throws InvalidProfileException {
        return ProfileLoader.parse(PROFILE.replace("S3", s3));
    }

    static List<String> problems(String s3) {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> parse(s3));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsTheFieldsWithTheirDefaults() throws Exception {
        LoadProfile profile = parse("{bucket: lake, secretRef: {name: s3-creds}}");
        S3UploadSpec s3 = profile.getSpec().getSink().getFile().getS3();
        assertEquals("lake", s3.getBucket());
        assertNull(s3.getPrefix());
        assertNull(s3.getEndpoint());
        assertEquals("us-east-1", s3.effectiveRegion());
        assertEquals(
                List.of(
                        new SecretFile("spec.sink.file.s3.secretRef.accessKeyIdKey", "s3-creds", "accessKeyId"),
                        new SecretFile(
                                "spec.sink.file.s3.secretRef.secretAccessKeyKey", "s3-creds", "secretAccessKey")),
                profile.getSpec().getSink().secretFiles(),
                "the pod mounts the key pair");
        assertEquals(List.of(), ProfileValidator.validateForCluster(profile));
    }

    @Test
    void theExampleIsValidForACluster() throws Exception {
        Path example = Path.of(System.getProperty("basedir", ""))
                .toAbsolutePath()
                .resolveSibling("deploy")
                .resolve("examples/iot-sensor-s3-parquet.yaml");
        LoadProfile profile = ProfileLoader.load(example);
        assertEquals(List.of(), ProfileValidator.validateForCluster(profile));
        assertEquals(
                "raw/sensors", profile.getSpec().getSink().getFile().getS3().getPrefix());
    }

    @Test
    void namedKeysEndpointRegionAndPrefix() throws Exception {
        LoadProfile profile = parse("{endpoint: \"http://minio.storage:9000\", region: eu-west-1, bucket: lake, "
                + "prefix: iot/raw/, secretRef: {name: minio, accessKeyIdKey: user, secretAccessKeyKey: password}}");
        S3UploadSpec s3 = profile.getSpec().getSink().getFile().getS3();
        assertEquals("eu-west-1", s3.effectiveRegion());
        assertEquals("iot/raw/", s3.getPrefix());
        assertEquals(
                List.of(
                        new SecretFile("spec.sink.file.s3.secretRef.accessKeyIdKey", "minio", "user"),
                        new SecretFile("spec.sink.file.s3.secretRef.secretAccessKeyKey", "minio", "password")),
                profile.getSpec().getSink().secretFiles());
    }

    @Test
    void eachBadFieldIsNamed() {
        assertEquals(
                List.of("spec.sink.file.s3.bucket: is required: the bucket the files go to"),
                problems("{secretRef: {name: s3-creds}}"));
        assertEquals(
                List.of("spec.sink.file.s3.bucket: \"lake/iot\" is not a bucket name: no '/' or white space "
                        + "(put the path inside the bucket in prefix)"),
                problems("{bucket: lake/iot, secretRef: {name: s3-creds}}"));
        assertEquals(
                List.of("spec.sink.file.s3.prefix: \"/iot\" starts with '/' or white space: "
                        + "keys have no leading slash, e.g. lake/iot"),
                problems("{bucket: lake, prefix: /iot, secretRef: {name: s3-creds}}"));
        assertEquals(
                List.of("spec.sink.file.s3.prefix: is empty: leave it out to write at the bucket's root"),
                problems("{bucket: lake, prefix: '', secretRef: {name: s3-creds}}"));
        assertEquals(
                List.of("spec.sink.file.s3.endpoint: \"minio:9000\" is not an http:// or https:// URL with a host"),
                problems("{endpoint: \"minio:9000\", bucket: lake, secretRef: {name: s3-creds}}"));
        assertEquals(
                List.of("spec.sink.file.s3.region: is empty: give the region requests are signed for, "
                        + "or leave it out for us-east-1"),
                problems("{region: ' ', bucket: lake, secretRef: {name: s3-creds}}"));
        assertEquals(
                List.of("spec.sink.file.s3.secretRef: is required: a Secret with accessKeyId and secretAccessKey"),
                problems("{bucket: lake}"));
        assertEquals(
                List.of(
                        "spec.sink.file.s3.secretRef.name: \"S3\" is not a Secret name: use lower-case letters, "
                                + "digits, '-' and '.', starting and ending with a letter or digit",
                        "spec.sink.file.s3.secretRef.secretAccessKeyKey: \"a/b\" is not a Secret key: "
                                + "use letters, digits, '-', '_' and '.'"),
                problems("{bucket: lake, secretRef: {name: S3, secretAccessKeyKey: a/b}}"));
    }
}
