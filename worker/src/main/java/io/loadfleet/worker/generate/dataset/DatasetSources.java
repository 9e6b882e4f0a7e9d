package io.loadfleet.worker.generate.dataset;

import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.api.spec.S3ObjectSpec;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/** Opens a dataset's one source: a file, a mounted ConfigMap key, an HTTP(S) URL or an S3 object. */
final class DatasetSources {
    static final String AT = "spec.generator.dataset";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A whole download; datasets are loaded once, so a slow one only delays the start. */
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(5);

    private DatasetSources() {}

    static InputStream open(DatasetSpec spec, GeneratorInputs inputs) {
        if (spec.getPath() != null) {
            return file(
                    Path.of(spec.getPath()),
                    AT + ".path",
                    "give the path of a dataset file; in a cluster, " + "on a volume mounted into the worker pods");
        }
        if (spec.getConfigMapRef() != null) {
            return file(
                    inputs.configMapFile(spec.getConfigMapRef()),
                    AT + ".configMapRef",
                    "a pod mounts "
                            + spec.getConfigMapRef() + " there; locally, give --config-maps-dir DIR holding DIR/"
                            + spec.getConfigMapRef().getName() + "/"
                            + spec.getConfigMapRef().getKey());
        }
        if (spec.getUrl() != null) {
            return http(spec.getUrl());
        }
        return s3(spec.getS3(), inputs);
    }

    /** A strict UTF-8 reader (bad bytes are an error, not U+FFFD) that skips a byte order mark, as Excel writes one. */
    static Reader utf8(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = pushback.readNBytes(3);
        boolean bom =
                head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            pushback.unread(head);
        }
        return new InputStreamReader(pushback, StandardCharsets.UTF_8.newDecoder());
    }

    private static InputStream file(Path file, String at, String fix) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new GeneratorInputException(
                    at + ": no readable file " + file + " (" + e.getClass().getSimpleName() + "): " + fix, e);
        }
    }

    private static InputStream http(String url) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(FETCH_TIMEOUT)
                .GET()
                .build();
        try {
            // the whole download within FETCH_TIMEOUT: a server stalling mid-body must not hang the worker
            HttpResponse<byte[]> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .get(FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new GeneratorInputException(
                        AT + ".url: GET " + url + " answered HTTP " + response.statusCode()
                                + ": give a URL that serves the dataset",
                        null);
            }
            return new ByteArrayInputStream(response.body());
        } catch (ExecutionException e) {
            throw new GeneratorInputException(AT + ".url: cannot GET " + url + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new GeneratorInputException(
                    AT + ".url: GET " + url + " took longer than " + FETCH_TIMEOUT.toMinutes() + " min", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeneratorInputException(AT + ".url: interrupted while fetching " + url, e);
        }
    }

    private static InputStream s3(S3ObjectSpec s3, GeneratorInputs inputs) {
        String keyId = inputs.secrets().read(s3.accessKeyIdFile());
        String secret = inputs.secrets().read(s3.secretAccessKeyFile());
        if (keyId.isBlank() || secret.isBlank()) {
            throw new GeneratorInputException(
                    AT + ".s3.secretRef: Secret " + s3.getSecretRef().getName() + " holds an empty "
                            + (keyId.isBlank()
                                    ? s3.accessKeyIdFile().key()
                                    : s3.secretAccessKeyFile().key()) + ": put the access key pair in it",
                    null);
        }
        AwsBasicCredentials credentials = AwsBasicCredentials.create(keyId, secret);
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.effectiveRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                // SDK 2.30+ sends and asks for checksums by default (x-amz-checksum-crc32 even on a GET), which
                // stores other than AWS (s3proxy, older MinIO and Ceph) refuse with 501: only where required
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(FETCH_TIMEOUT));
        if (s3.getEndpoint() != null) {
            builder.endpointOverride(URI.create(s3.getEndpoint())).forcePathStyle(true);
        }
        String name = "s3://" + s3.getBucket() + "/" + s3.getKey()
                + (s3.getEndpoint() == null ? "" : " at " + s3.getEndpoint());
        S3Client client = builder.build();
        try {
            InputStream object = client.getObject(GetObjectRequest.builder()
                    .bucket(s3.getBucket())
                    .key(s3.getKey())
                    .build());
            return new java.io.FilterInputStream(object) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        client.close();
                    }
                }
            };
        } catch (RuntimeException e) { // SdkException, and anything else: the client is closed either way
            client.close();
            throw new GeneratorInputException(AT + ".s3: cannot get " + name + ": " + e.getMessage(), e);
        }
    }
}
