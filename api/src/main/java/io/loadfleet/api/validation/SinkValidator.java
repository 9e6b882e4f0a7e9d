package io.loadfleet.api.validation;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.CaSecretRef;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.spec.KafkaSecuritySpec;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.PasswordSecretRef;
import io.loadfleet.api.spec.PulsarAuthSpec;
import io.loadfleet.api.spec.PulsarBatchingSpec;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.api.spec.S3UploadSpec;
import io.loadfleet.api.spec.SaslSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.api.spec.TlsSpec;
import java.util.List;
import java.util.regex.Pattern;

/** Checks spec.sink: that it names a sink, and the settings of each it names (Kafka, Pulsar, files). */
final class SinkValidator {
    private static final Pattern TOPIC = Pattern.compile(Limits.TOPIC_PATTERN);
    private static final Pattern PULSAR_TOPIC = Pattern.compile(Limits.PULSAR_TOPIC_PATTERN);
    private static final Pattern PULSAR_SERVICE_URL = Pattern.compile(Limits.PULSAR_SERVICE_URL_PATTERN);
    private static final Pattern PULSAR_ADMIN_URL = Pattern.compile(Limits.PULSAR_ADMIN_URL_PATTERN);
    private static final Pattern BUCKET = Pattern.compile(S3UploadSpec.BUCKET_PATTERN);
    private static final Pattern PREFIX = Pattern.compile(S3UploadSpec.PREFIX_PATTERN);

    private SinkValidator() {}

    /** Checks that a sink is set, then each one set; {@code format} is spec.format, which files alone refuse as avro. */
    static void validate(List<Problem> problems, SinkSpec sink, Format format) {
        if (sink == null || sink.kinds().isEmpty()) {
            problems.add(
                    new Problem("spec.sink", "is required: set one or more of sink.kafka, sink.pulsar and sink.file"));
            return;
        }
        if (sink.getKafka() != null) {
            kafka(problems, sink.getKafka(), format);
        }
        if (sink.getPulsar() != null) {
            pulsar(problems, sink.getPulsar());
        }
        if (sink.getFile() != null) {
            file(problems, sink.getFile(), format, sink.filesOnly());
        }
    }

    private static void kafka(List<Problem> problems, KafkaSinkSpec kafka, Format format) {
        String at = "spec.sink.kafka";
        if (kafka.getTopic() == null || kafka.getTopic().isEmpty()) {
            problems.add(new Problem(at + ".topic", "is required"));
        } else if (!TOPIC.matcher(kafka.getTopic()).matches()
                || kafka.getTopic().equals(".")
                || kafka.getTopic().equals("..")) {
            problems.add(new Problem(
                    at + ".topic",
                    "\"" + kafka.getTopic() + "\" is not a legal Kafka topic name: use 1 to 249 of a-z A-Z 0-9 . _ -"));
        }
        if (kafka.getBootstrapServers() != null && kafka.getBootstrapServers().isBlank()) {
            problems.add(new Problem(
                    at + ".bootstrapServers",
                    "is blank: give host:port, or leave it out to use an embedded broker locally"));
        }
        partitions(problems, at, kafka.getPartitions());
        notNegative(problems, at + ".lingerMs", kafka.getLingerMs(), "");
        notNegative(problems, at + ".batchSize", kafka.getBatchSize(), " bytes");
        kafka.getProperties().keySet().stream()
                .filter(SinkValidator::holdsACredential)
                .forEach(key -> problems.add(new Problem(
                        at + ".properties." + key,
                        "would put a credential in the LoadProfile (and the "
                                + "workers' ConfigMap): put it in a Secret and name it in sink.kafka.security")));
        if (kafka.getSecurity() != null) {
            kafkaSecurity(problems, at + ".security", kafka.getSecurity());
        }
        if (kafka.getSchemaRegistry() != null) {
            SchemaRegistryValidator.validate(problems, kafka.getSchemaRegistry(), format);
        }
    }

    /** Kafka client properties whose values are passwords or hold them. */
    private static boolean holdsACredential(String property) {
        return property.equals("sasl.jaas.config")
                || property.endsWith(".password")
                || property.equals("ssl.keystore.key");
    }

    private static void kafkaSecurity(List<Problem> problems, String at, KafkaSecuritySpec security) {
        KafkaSecurityProtocol protocol = security.getProtocol();
        if (protocol == null) {
            problems.add(new Problem(at + ".protocol", "is required: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"));
            return;
        }
        SaslSpec sasl = security.getSasl();
        if (protocol.usesSasl() && sasl == null) {
            problems.add(new Problem(
                    at + ".sasl",
                    "is required by protocol " + protocol
                            + ": give mechanism and secretRef.name of a Secret with username and password"));
        } else if (!protocol.usesSasl() && sasl != null) {
            problems.add(new Problem(
                    at + ".sasl",
                    "is set but protocol " + protocol + " does not use SASL: "
                            + "use SASL_PLAINTEXT or SASL_SSL, or remove sasl"));
        } else if (sasl != null) {
            if (sasl.getMechanism() == null) {
                problems.add(new Problem(at + ".sasl.mechanism", "is required: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"));
            }
            PasswordSecretRef ref = sasl.getSecretRef();
            if (ref == null) {
                problems.add(new Problem(
                        at + ".sasl.secretRef", "is required: name of a Secret with username and password"));
            } else {
                SecretRefValidator.name(problems, at + ".sasl.secretRef.name", ref.getName());
                SecretRefValidator.key(problems, at + ".sasl.secretRef.usernameKey", ref.getUsernameKey());
                if (sasl.getUsername() != null && ref.getUsernameKey() != null) {
                    problems.add(new Problem(
                            at + ".sasl.username", "and sasl.secretRef.usernameKey both name the user: " + "keep one"));
                }
                SecretRefValidator.key(problems, at + ".sasl.secretRef.passwordKey", ref.getPasswordKey());
            }
        }
        if (security.getTls() != null) {
            if (!protocol.usesTls()) {
                problems.add(new Problem(
                        at + ".tls",
                        "is set but protocol " + protocol + " does not use TLS: "
                                + "use SSL or SASL_SSL, or remove tls"));
            } else {
                tls(problems, at + ".tls", security.getTls());
            }
        }
    }

    static void tls(List<Problem> problems, String at, TlsSpec tls) {
        CaSecretRef ref = tls.getSecretRef();
        if (ref == null) {
            problems.add(new Problem(
                    at + ".secretRef",
                    "is required: name of a Secret with the CA certificate "
                            + "(PEM, key ca.crt), or remove tls to trust the JVM's default CAs"));
            return;
        }
        SecretRefValidator.name(problems, at + ".secretRef.name", ref.getName());
        SecretRefValidator.key(problems, at + ".secretRef.caKey", ref.getCaKey());
    }

    private static void pulsar(List<Problem> problems, PulsarSinkSpec pulsar) {
        String at = "spec.sink.pulsar";
        if (pulsar.getTopic() == null || pulsar.getTopic().isEmpty()) {
            problems.add(new Problem(at + ".topic", "is required"));
        } else if (!PULSAR_TOPIC.matcher(pulsar.getTopic()).matches()) {
            problems.add(
                    new Problem(
                            at + ".topic",
                            "\"" + pulsar.getTopic() + "\" is not a Pulsar topic name: use NAME, "
                                    + "tenant/namespace/NAME or persistent://tenant/namespace/NAME, names of a-z A-Z 0-9 _ - . = :"));
        }
        if (pulsar.getServiceUrl() != null
                && !PULSAR_SERVICE_URL.matcher(pulsar.getServiceUrl()).matches()) {
            problems.add(new Problem(
                    at + ".serviceUrl",
                    "\"" + pulsar.getServiceUrl()
                            + "\" is not a Pulsar service URL: use pulsar://host:6650 or pulsar+ssl://host:6651"));
        }
        if (pulsar.getAdminUrl() != null
                && !PULSAR_ADMIN_URL.matcher(pulsar.getAdminUrl()).matches()) {
            problems.add(new Problem(
                    at + ".adminUrl",
                    "\"" + pulsar.getAdminUrl() + "\" is not an admin URL: use http://host:8080 or https://host:8443"));
        }
        partitions(problems, at, pulsar.getPartitions());
        if (pulsar.getPartitions() != null && pulsar.getAdminUrl() == null) {
            problems.add(
                    new Problem(
                            at + ".partitions",
                            "needs adminUrl: partitioned topics are created through the "
                                    + "admin API; set adminUrl, or leave partitions out to use an existing or auto-created topic"));
        }
        notNegative(problems, at + ".sendTimeoutMs", pulsar.getSendTimeoutMs(), " (0 waits forever)");
        PulsarAuthSpec auth = pulsar.getAuth();
        if (auth != null && auth.getToken() == null) {
            problems.add(new Problem(
                    at + ".auth.token",
                    "is required: token authentication is the one auth method; "
                            + "give token.secretRef.name, or remove auth"));
        } else if (auth != null && auth.getToken().getSecretRef() == null) {
            problems.add(new Problem(at + ".auth.token.secretRef", "is required: name of a Secret with the token"));
        } else if (auth != null) {
            SecretRefValidator.name(
                    problems,
                    at + ".auth.token.secretRef.name",
                    auth.getToken().getSecretRef().getName());
            SecretRefValidator.key(
                    problems,
                    at + ".auth.token.secretRef.key",
                    auth.getToken().getSecretRef().getKey());
        }
        if (pulsar.getTls() != null) {
            // Without a serviceUrl, `run --service-url` may give a pulsar+ssl:// one.
            boolean noTlsUrl = pulsar.getServiceUrl() != null
                    && !pulsar.getServiceUrl().startsWith("pulsar+ssl://")
                    && (pulsar.getAdminUrl() == null || !pulsar.getAdminUrl().startsWith("https://"));
            if (noTlsUrl) {
                problems.add(
                        new Problem(
                                at + ".tls",
                                "is set but neither serviceUrl " + pulsar.getServiceUrl()
                                        + " nor adminUrl uses TLS: use pulsar+ssl://host:6651 (and https://host:8443), or remove tls"));
            }
            tls(problems, at + ".tls", pulsar.getTls());
        }
        PulsarBatchingSpec batching = pulsar.getBatching();
        if (batching != null) {
            notNegative(problems, at + ".batching.maxDelayMs", batching.getMaxDelayMs(), "");
            positive(problems, at + ".batching.maxMessages", batching.getMaxMessages());
            positive(problems, at + ".batching.maxBytes", batching.getMaxBytes());
        }
    }

    /** @param filesOnly whether the files are the only sink, so spec.format applies to nothing */
    private static void file(List<Problem> problems, FileSinkSpec file, Format format, boolean filesOnly) {
        String at = "spec.sink.file";
        if (file.getPath() == null || file.getPath().isBlank()) {
            problems.add(new Problem(at + ".path", "is required: the directory the files go to"));
        }
        if (file.getFormat() == null) {
            problems.add(new Problem(at + ".format", "is required: csv, jsonl or parquet"));
        }
        if (file.getRollSeconds() != null
                && (file.getRollSeconds() < 1 || file.getRollSeconds() > Limits.MAX_ROLL_SECONDS)) {
            problems.add(new Problem(
                    at + ".rollSeconds",
                    file.getRollSeconds() + " is out of range: use 1 to " + Limits.MAX_ROLL_SECONDS
                            + ", or leave it out for " + FileSinkSpec.DEFAULT_ROLL_SECONDS));
        }
        if (file.getRollBytes() != null && file.getRollBytes() < Limits.MIN_ROLL_BYTES) {
            problems.add(new Problem(
                    at + ".rollBytes",
                    file.getRollBytes() + " is out of range: use " + Limits.MIN_ROLL_BYTES
                            + " or more bytes, or leave it out for " + FileSinkSpec.DEFAULT_ROLL_BYTES + " (256 MiB)"));
        }
        if (file.getS3() != null) {
            s3(problems, file.getS3());
        }
        // Files hold the records' fields in the file's own format: spec.format is the topics' encoding.
        if (format == Format.AVRO && filesOnly) {
            problems.add(new Problem(
                    "spec.format",
                    "avro does not apply to sink.file: the files hold the records in "
                            + "sink.file.format (parquet carries the Avro schema); leave format out, "
                            + "or add sink.kafka or sink.pulsar to send Avro there too"));
        }
    }

    private static void s3(List<Problem> problems, S3UploadSpec s3) {
        String at = S3UploadSpec.AT;
        if (s3.getEndpoint() != null) {
            GeneratorValidator.httpUrl(problems, at + ".endpoint", s3.getEndpoint());
        }
        if (s3.getRegion() != null && s3.getRegion().isBlank()) {
            problems.add(new Problem(
                    at + ".region",
                    "is empty: give the region requests are signed for, or leave it out for us-east-1"));
        }
        if (s3.getBucket() == null || s3.getBucket().isEmpty()) {
            problems.add(new Problem(at + ".bucket", "is required: the bucket the files go to"));
        } else if (!BUCKET.matcher(s3.getBucket()).matches()) {
            problems.add(new Problem(
                    at + ".bucket",
                    "\"" + s3.getBucket() + "\" is not a bucket name: no '/' or white space "
                            + "(put the path inside the bucket in prefix)"));
        }
        if (s3.getPrefix() != null && !PREFIX.matcher(s3.getPrefix()).find()) {
            problems.add(new Problem(
                    at + ".prefix",
                    s3.getPrefix().isEmpty()
                            ? "is empty: leave it out to write at the bucket's root"
                            : "\"" + s3.getPrefix() + "\" starts with '/' or white space: "
                                    + "keys have no leading slash, e.g. lake/iot"));
        }
        SecretRefValidator.accessKeyPair(problems, at + ".secretRef", s3.getSecretRef());
    }

    private static void partitions(List<Problem> problems, String at, Integer partitions) {
        if (partitions != null && (partitions < 1 || partitions > Limits.MAX_PARTITIONS)) {
            problems.add(new Problem(
                    at + ".partitions", partitions + " is out of range: use 1 to " + Limits.MAX_PARTITIONS));
        }
    }

    private static void notNegative(List<Problem> problems, String path, Integer value, String unit) {
        if (value != null && value < 0) {
            problems.add(new Problem(path, value + " is negative: use 0 or more" + unit));
        }
    }

    private static void positive(List<Problem> problems, String path, Integer value) {
        if (value != null && value < 1) {
            problems.add(new Problem(path, value + " is out of range: use 1 or more"));
        }
    }
}
