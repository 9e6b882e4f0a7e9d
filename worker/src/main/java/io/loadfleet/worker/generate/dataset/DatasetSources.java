package io.loadfleet.worker.generate.dataset;

import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.api.spec.S3ObjectSpec;
import io.loadfleet.worker.generate.GeneratorInputException;
import io.loadfleet.worker.generate.GeneratorInputs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
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

    private DatasetSources() {
    }

    static InputStream open(DatasetSpec spec, GeneratorInputs inputs) {
        if (spec.getPath() != null) {
            return file(Path.of(spec.getPath()), AT + ".path", "give the path of a dataset file; in a cluster, "
                    + "on a volume mounted into the worker pods");
        }
        if (spec.getConfigMapRef() != null) {
            return file(inputs.configMapFile(spec.getConfigMapRef()), AT + ".configMapRef", "a pod mounts "
                    + spec.getConfigMapRef() + " there; locally, give --config-maps-dir DIR holding DIR/"
                    + spec.getConfigMapRef().getName() + "/" + spec.getConfigMapRef().getKey());
        }
        if (spec.getUrl() != null) {
            return http(spec.getUrl());
        }
        return s3(spec.getS3(), inputs);
    }

    private static InputStream file(Path file, String at, String fix) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new GeneratorInputException(at + ": no readable file " + file + " (" + e.getClass().getSimpleName()
                    + "): " + fix, e);
        }
    }

    private static InputStream http(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(FETCH_TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new GeneratorInputException(AT + ".url: GET " + url + " answered HTTP " + response.statusCode()
                        + ": give a URL that serves the dataset", null);
            }
            return response.body();
        } catch (IOException e) {
            throw new GeneratorInputException(AT + ".url: cannot GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeneratorInputException(AT + ".url: interrupted while fetching " + url, e);
        }
    }

    private static InputStream s3(S3ObjectSpec s3, GeneratorInputs inputs) {
        AwsBasicCredentials credentials = AwsBasicCredentials.create(inputs.secrets().read(s3.accessKeyIdFile()),
                inputs.secrets().read(s3.secretAccessKeyFile()));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.effectiveRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                // SDK 2.30+ sends and asks for checksums by default (x-amz-checksum-crc32 even on a GET), which
                // stores other than AWS (s3proxy, older MinIO and Ceph) refuse with 501: only where required
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(FETCH_TIMEOUT));
        if (s3.getEndpoint() != null) {
            builder.endpointOverride(URI.create(s3.getEndpoint())).forcePathStyle(true);
        }
        String name = "s3://" + s3.getBucket() + "/" + s3.getKey() + (s3.getEndpoint() == null ? "" : " at " + s3.getEndpoint());
        S3Client client = builder.build();
        try {
            InputStream object = client.getObject(GetObjectRequest.builder().bucket(s3.getBucket()).key(s3.getKey()).build());
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
        } catch (SdkException e) {
            client.close();
            throw new GeneratorInputException(AT + ".s3: cannot get " + name + ": " + e.getMessage(), e);
        }
    }
}
