package io.loadfleet.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@Timeout(120)
class S3ServerTest {

    private static S3Client client(S3Server server, String secret) {
        return S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("tester", secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    @Test
    void servesStoredObjectsToSignedRequestsOnlyAndCleansUp() throws Exception {
        byte[] content = "id,amount\na,1.5\n".getBytes(StandardCharsets.UTF_8);
        S3Server server = S3Server.start("tester", "s3cret-key");
        Path home = server.home();
        try (server; S3Client good = client(server, "s3cret-key"); S3Client bad = client(server, "wrong-key")) {
            server.putObject("datasets", "tx/rows.csv", content);
            assertArrayEquals(content, good.getObjectAsBytes(b -> b.bucket("datasets").key("tx/rows.csv")).asByteArray());
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> bad.getObjectAsBytes(b -> b.bucket("datasets").key("tx/rows.csv")));
            assertEquals(403, refused.statusCode());
        }
        assertFalse(Files.exists(home), "its directory is deleted");
        assertFalse(server.process().isAlive(), "its JVM is stopped");
        server.process().onExit().get(Duration.ofSeconds(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
