package io.loadfleet.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** One server for the class (each start is a JVM start-up); the last test stops it. */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ServerTest {
    private static final byte[] CONTENT = "id,amount\na,1.5\n".getBytes(StandardCharsets.UTF_8);

    private static S3Server server;

    @BeforeAll
    static void start() throws Exception {
        server = S3Server.start("tester", "s3cret-key");
        server.putObject("datasets", "tx/rows.csv", CONTENT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close(); // again, if the last test did not get that far
        }
    }

    private static S3Client client(String secret) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("tester", secret)))
                .httpClient(UrlConnectionHttpClient.create())
                // SDK 2.30+ adds x-amz-checksum-crc32 even to a GET (s3proxy 2.6.0 answers 501) and uploads
                // aws-chunked with a trailing checksum (400, x-amz-content-sha256 mismatch): only where required
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Test
    @Order(1)
    void anObjectWrittenAsAFileIsServedByteForByte() {
        try (S3Client client = client("s3cret-key")) {
            assertArrayEquals(
                    CONTENT,
                    client.getObjectAsBytes(b -> b.bucket("datasets").key("tx/rows.csv"))
                            .asByteArray());
        }
    }

    @Test
    @Order(2)
    void aRequestSignedWithTheWrongSecretIsRefused() {
        try (S3Client client = client("wrong-key")) {
            S3Exception refused = assertThrows(
                    S3Exception.class,
                    () -> client.getObjectAsBytes(b -> b.bucket("datasets").key("tx/rows.csv")));
            assertEquals(403, refused.statusCode());
        }
    }

    @Test
    @Order(3)
    void aStoppedServerRefusesConnectionsAndRestartsOnItsPortWithItsObjects() {
        try (S3Client client = client("s3cret-key")) {
            client.putObject(b -> b.bucket("datasets").key("kept.txt"), RequestBody.fromString("kept"));
            server.stop();
            assertFalse(server.process().isAlive(), "its JVM is stopped");
            assertThrows(
                    SdkClientException.class,
                    () -> client.getObjectAsBytes(b -> b.bucket("datasets").key("kept.txt")));
            server.restart();
            assertEquals(
                    "kept",
                    client.getObjectAsBytes(b -> b.bucket("datasets").key("kept.txt"))
                            .asUtf8String());
        }
    }

    /** A multipart upload's ETag is S3's: the MD5 of the parts' MD5s, then "-" and the number of parts. */
    @Test
    @Order(4)
    void aMultipartObjectsETagCountsItsParts() {
        byte[] part = new byte[5 * 1024 * 1024]; // S3's smallest part but the last
        try (S3Client client = client("s3cret-key")) {
            String id = client.createMultipartUpload(b -> b.bucket("datasets").key("big.bin"))
                    .uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                int number = n;
                String eTag = client.uploadPart(
                                b -> b.bucket("datasets")
                                        .key("big.bin")
                                        .uploadId(id)
                                        .partNumber(number),
                                RequestBody.fromBytes(number < 3 ? part : new byte[10]))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(eTag).build());
            }
            client.completeMultipartUpload(
                    b -> b.bucket("datasets").key("big.bin").uploadId(id).multipartUpload(m -> m.parts(parts)));
            HeadObjectResponse head =
                    client.headObject(b -> b.bucket("datasets").key("big.bin"));
            assertEquals(2L * part.length + 10, head.contentLength());
            assertTrue(head.eTag().endsWith("-3\""), head.eTag());
        }
    }

    @Test
    @Order(5)
    void closeStopsTheServerAndDeletesItsDirectory() {
        Path home = server.home();
        assertTrue(Files.isDirectory(home));
        server.close();
        assertFalse(Files.exists(home), "its directory is deleted");
        assertFalse(server.process().isAlive(), "its JVM is stopped");
    }
}
