package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.S3UploadSpec;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.SinkException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 client of sink.file.s3, over the JDK's HTTP connection, checked against its bucket before the run. */
final class S3Clients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Between two reads of an answer: a 16 MiB part is acknowledged once the store has it all. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private S3Clients() {}

    /**
     * A client with the Secret's key pair, checked by listing a key of the prefix: a store that does not
     * answer or a bucket that does not exist stops the run before it starts ({@link SinkException}: a pod
     * retries, as the store may come up or the bucket be made), and so does a key pair the store does not
     * know or whose signature it refuses ({@link InvalidSinkSettingException}). A key that may write but
     * not list (AccessDenied) passes: its uploads tell.
     */
    static S3Client open(S3UploadSpec s3, SecretFiles secrets) {
        String keyId = secrets.read(s3.accessKeyIdFile());
        String secret = secrets.read(s3.secretAccessKeyFile());
        if (keyId.isBlank() || secret.isBlank()) {
            throw new InvalidSinkSettingException(
                    S3UploadSpec.AT + ".secretRef: Secret " + s3.getSecretRef().getName() + " holds an empty "
                            + (keyId.isBlank()
                                    ? s3.accessKeyIdFile().key()
                                    : s3.secretAccessKeyFile().key()) + ": put the access key pair in it",
                    null);
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.effectiveRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                // SDK 2.30+ sends and asks for checksums by default (x-amz-checksum-crc32, uploads aws-chunked),
                // which stores other than AWS (s3proxy, older MinIO and Ceph) refuse: only where required
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // the sink retries each request itself, within the file's window (RetryWindow)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT));
        if (s3.getEndpoint() != null) {
            builder.endpointOverride(URI.create(s3.getEndpoint())).forcePathStyle(true);
        }
        S3Client client = builder.build();
        try {
            client.listObjectsV2(
                    b -> b.bucket(s3.getBucket()).prefix(s3.getPrefix()).maxKeys(1));
            return client;
        } catch (S3Exception e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if ("AccessDenied".equals(code)) {
                return client;
            }
            client.close();
            if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                throw new InvalidSinkSettingException(
                        S3UploadSpec.AT + ".secretRef: " + bucket(s3) + " refuses the access key pair of Secret "
                                + s3.getSecretRef().getName() + " (" + code + "): put a key pair of the store in it",
                        e);
            }
            throw new SinkException(
                    S3UploadSpec.AT + ".bucket: " + bucket(s3)
                            + (e.statusCode() == 404
                                    ? " does not exist: create it, or name one that does"
                                    : " answered HTTP " + e.statusCode() + " (" + e.getMessage()
                                            + "): check bucket, region and endpoint"),
                    e);
        } catch (SdkException e) {
            client.close();
            throw new SinkException(
                    S3UploadSpec.AT + ".endpoint: cannot reach " + bucket(s3) + ": " + e.getMessage(), e);
        }
    }

    /** How messages name the bucket: {@code s3://BUCKET}, and the endpoint when there is one. */
    static String bucket(S3UploadSpec s3) {
        return "s3://" + s3.getBucket() + (s3.getEndpoint() == null ? "" : " at " + s3.getEndpoint());
    }
}
