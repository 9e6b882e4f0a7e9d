package io.loadfleet.worker.testing;

import io.loadfleet.api.spec.FileFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A file sink's uploaded objects, listed and read back with each format's own reader ({@link StoredRows}). */
public final class StoredObjects {
    private StoredObjects() {}

    /** A client of a test's S3 server (s3proxy: no checksums it does not ask for). */
    public static S3Client client(URI endpoint, String accessKeyId, String secretAccessKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** The objects under {@code prefix}, in key order: a run's parts in roll order, their indexes being zero-padded. */
    public static List<S3Object> list(S3Client client, String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> !o.key().endsWith("/")) // s3proxy's filesystem store lists its directories too
                .sorted((a, b) -> a.key().compareTo(b.key()))
                .toList();
    }

    /**
     * Every row of a shard's objects under {@code prefix} (any profile and epoch), in key order; each
     * object is downloaded to {@code scratch} to be read.
     */
    public static List<List<Object>> shard(
            S3Client client, String bucket, String prefix, int shard, FileFormat format, Schema schema, Path scratch)
            throws IOException {
        String partition = String.format(Locale.ROOT, "/shard=%04d/", shard);
        List<List<Object>> rows = new ArrayList<>();
        for (S3Object object : list(client, bucket, prefix)) {
            if (object.key().contains(partition)) {
                rows.addAll(read(client, bucket, object.key(), format, schema, scratch));
            }
        }
        return rows;
    }

    /** The rows of one object. */
    public static List<List<Object>> read(
            S3Client client, String bucket, String key, FileFormat format, Schema schema, Path scratch)
            throws IOException {
        Path file = Files.createTempFile(scratch, "object-", "." + format.extension());
        Files.write(
                file, client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        return StoredRows.read(file, format, schema);
    }
}
