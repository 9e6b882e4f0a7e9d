package io.loadfleet.api.validation;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.plan.FleetPlan;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.CaSecretRef;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.TracingSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.spec.KafkaSecuritySpec;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.spec.PasswordSecretRef;
import io.loadfleet.api.spec.PulsarAuthSpec;
import io.loadfleet.api.spec.PulsarBatchingSpec;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.api.spec.SaslSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.api.spec.StageSpec;
import io.loadfleet.api.spec.TlsSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a LoadProfile's meaning (types were checked while reading) and lists every problem,
 * each naming its field and what is allowed. Shared by the CLI and the operator.
 */
public final class ProfileValidator {
    /** The worker pods' one writable volume (an emptyDir): their root file system is read-only. */
    public static final String POD_WRITABLE_DIR = "/tmp";
    private static final Pattern SECRET_NAME = Pattern.compile(Limits.SECRET_NAME_PATTERN);
    private static final Pattern SECRET_KEY = Pattern.compile(Limits.SECRET_KEY_PATTERN);
    private static final Pattern DNS_LABEL = Pattern.compile(LoadProfile.NAME_PATTERN);
    private static final int MAX_NAME_LENGTH = LoadProfile.MAX_NAME_LENGTH;
    private static final Pattern TOPIC = Pattern.compile(Limits.TOPIC_PATTERN);
    private static final Pattern PULSAR_TOPIC = Pattern.compile(Limits.PULSAR_TOPIC_PATTERN);

    private ProfileValidator() {
    }

    /** Checks the apiVersion and kind a file declares. */
    public static List<Problem> validateType(String apiVersion, String kind) {
        List<Problem> problems = new ArrayList<>();
        if (!LoadProfile.API_VERSION.equals(apiVersion)) {
            problems.add(new Problem("apiVersion", "must be " + LoadProfile.API_VERSION + " (found " + apiVersion + ")"));
        }
        if (!LoadProfile.KIND.equals(kind)) {
            problems.add(new Problem("kind", "must be " + LoadProfile.KIND + " (found " + kind + ")"));
        }
        return problems;
    }

    public static List<Problem> validate(LoadProfile profile) {
        List<Problem> problems = new ArrayList<>();
        String name = profile.getMetadata() == null ? null : profile.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            problems.add(new Problem("metadata.name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH || !DNS_LABEL.matcher(name).matches()) {
            problems.add(new Problem("metadata.name", "\"" + name + "\" must be lower-case letters, digits and '-', "
                    + "start and end with a letter or digit, at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (profile.getSpec() == null) {
            problems.add(new Problem("spec", "is required"));
        } else {
            problems.addAll(validate(profile.getSpec()));
        }
        return problems;
    }

    /**
     * What a fleet in a cluster needs beyond {@link #validate(LoadProfile)}: a broker address,
     * since there is no command line to give one and no embedded broker to fall back on.
     */
    public static List<Problem> validateForCluster(LoadProfile profile) {
        List<Problem> problems = validate(profile);
        SinkSpec sink = problems.isEmpty() ? profile.getSpec().getSink() : null;
        if (sink != null && sink.getKafka() != null && sink.getKafka().getBootstrapServers() == null) {
            problems.add(new Problem("spec.sink.kafka.bootstrapServers", "is required in a cluster: give host:port of "
                    + "the Kafka brokers (only a local `run` can start an embedded broker)"));
        }
        if (sink != null && sink.getPulsar() != null && sink.getPulsar().getServiceUrl() == null) {
            problems.add(new Problem("spec.sink.pulsar.serviceUrl", "is required in a cluster: give pulsar://host:6650 "
                    + "(only a local `run` can take it from --service-url)"));
        }
        if (sink != null && sink.getFile() != null && !inPodWritableDir(sink.getFile().getPath())) {
            problems.add(new Problem("spec.sink.file.path", "\"" + sink.getFile().getPath() + "\" cannot be written in a "
                    + "cluster: the worker pods' root file system is read-only; use a path under " + POD_WRITABLE_DIR
                    + " (their emptyDir volume, e.g. " + POD_WRITABLE_DIR + "/out)"));
        }
        var dataset = profile.getSpec().getGenerator() == null ? null : profile.getSpec().getGenerator().getDataset();
        if (dataset != null && dataset.getPath() != null && !dataset.getPath().startsWith("/")) {
            problems.add(new Problem("spec.generator.dataset.path", "\"" + dataset.getPath() + "\" is relative: in a "
                    + "cluster give an absolute path in the worker image, or use configMapRef, url or s3"));
        }
        return problems;
    }

    private static boolean inPodWritableDir(String path) {
        try {
            Path normal = Path.of(path).normalize();
            return normal.startsWith(POD_WRITABLE_DIR) && !normal.equals(Path.of(POD_WRITABLE_DIR));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    public static List<Problem> validate(LoadProfileSpec spec) {
        List<Problem> problems = new ArrayList<>();
        rate(problems, "spec.targetRate", spec.getTargetRate());
        if (spec.getReplicas() != null && (spec.getReplicas() < 1 || spec.getReplicas() > Limits.MAX_REPLICAS)) {
            problems.add(new Problem("spec.replicas", spec.getReplicas() + " is out of range: use 1 to " + Limits.MAX_REPLICAS
                    + ", or leave it out to derive it from targetRate / maxRatePerPod"));
        }
        if (spec.getMaxRatePerPod() != null && (spec.getMaxRatePerPod() < 1 || spec.getMaxRatePerPod() > Limits.MAX_TARGET_RATE)) {
            problems.add(new Problem("spec.maxRatePerPod", spec.getMaxRatePerPod() + " is out of range: use 1 to " + Limits.MAX_TARGET_RATE));
        }
        if (spec.getDevices() == null || spec.getDevices().getCount() == null) {
            problems.add(new Problem("spec.devices.count", "is required: the number of simulated devices"));
        } else if (spec.getDevices().getCount() < 1 || spec.getDevices().getCount() > Limits.MAX_DEVICES) {
            problems.add(new Problem("spec.devices.count", spec.getDevices().getCount() + " is out of range: use 1 to " + Limits.MAX_DEVICES));
        }
        if (spec.getGenerator() == null || spec.getGenerator().getType() == null) {
            problems.add(new Problem("spec.generator.type", "is required: smart-meter, iot-sensor, transaction, gaming-bet, "
                    + "temperature, dataset or avro-schema"));
        } else {
            GeneratorValidator.validate(problems, spec.getGenerator());
        }
        for (int i = 0; i < spec.getStages().size(); i++) {
            StageSpec stage = spec.getStages().get(i);
            String at = "spec.stages[" + i + "]";
            if (stage == null) {
                problems.add(new Problem(at, "is empty: give duration and targetRate"));
                continue;
            }
            positiveDuration(problems, at + ".duration", stage.getDuration(), true);
            rate(problems, at + ".targetRate", stage.getTargetRate());
        }
        positiveDuration(problems, "spec.duration", spec.getDuration(), false);
        tracing(problems, spec.getTracing());
        sink(problems, spec.getSink(), spec.getFormat());
        if (spec.getTracing() != null && spec.getSink() != null && spec.getSink().getFile() != null) {
            problems.add(new Problem("spec.tracing", "does not apply to sink.file: files carry no headers for a "
                    + "traceparent; remove spec.tracing or send to sink.kafka or sink.pulsar"));
        }
        if (problems.isEmpty()) {
            fleet(problems, spec);
        }
        return problems;
    }

    private static void tracing(List<Problem> problems, TracingSpec tracing) {
        if (tracing == null) {
            return;
        }
        Double ratio = tracing.getSampleRatio();
        if (ratio == null) {
            problems.add(new Problem("spec.tracing.sampleRatio", "is required: the share of records to trace, e.g. 0.01; "
                    + "remove spec.tracing to trace none"));
        } else if (!(ratio > 0 && ratio <= 1)) {
            problems.add(new Problem("spec.tracing.sampleRatio", ratio + " is out of range: use above 0 and at most 1, "
                    + "e.g. 0.01 for one record in a hundred; remove spec.tracing to trace none"));
        }
    }

    /** Checks that need a consistent spec: the plan's replica count against devices and maxRatePerPod. */
    private static void fleet(List<Problem> problems, LoadProfileSpec spec) {
        int replicas = FleetPlan.replicasFor(spec);
        if (replicas > Limits.MAX_REPLICAS) {
            problems.add(new Problem("spec.targetRate", "needs " + replicas + " replicas at maxRatePerPod "
                    + spec.effectiveMaxRatePerPod() + ", more than " + Limits.MAX_REPLICAS + ": raise maxRatePerPod"));
            return;
        }
        if (spec.getDevices().getCount() < replicas) {
            problems.add(new Problem("spec.devices.count", spec.getDevices().getCount() + " is less than replicas " + replicas
                    + ": every replica needs at least one device; raise devices.count or lower replicas"));
        }
        long perReplica = (spec.getDevices().getCount() + replicas - 1) / replicas;
        if (perReplica > Limits.MAX_DEVICES_PER_REPLICA) {
            problems.add(new Problem("spec.devices.count", spec.getDevices().getCount() + " devices over " + replicas
                    + " replicas is " + perReplica + " per replica, more than " + Limits.MAX_DEVICES_PER_REPLICA
                    + ": raise replicas (at least " + ((spec.getDevices().getCount() + Limits.MAX_DEVICES_PER_REPLICA - 1) / Limits.MAX_DEVICES_PER_REPLICA)
                    + ") or lower devices.count"));
        }
        long needed = (FleetPlan.peakRate(spec) + replicas - 1) / replicas;
        if (spec.getReplicas() != null && needed > spec.effectiveMaxRatePerPod()) {
            problems.add(new Problem("spec.replicas", replicas + " replicas would each send " + needed
                    + " msg/s, above maxRatePerPod " + spec.effectiveMaxRatePerPod()
                    + ": raise replicas or maxRatePerPod, or leave replicas out"));
        }
    }

    private static void sink(List<Problem> problems, SinkSpec sink, Format format) {
        int sinks = sink == null ? 0
                : (sink.getKafka() == null ? 0 : 1) + (sink.getPulsar() == null ? 0 : 1) + (sink.getFile() == null ? 0 : 1);
        if (sinks != 1) {
            problems.add(new Problem("spec.sink", (sinks == 0 ? "is required" : "names " + sinks + " sinks")
                    + ": set exactly one of sink.kafka, sink.pulsar or sink.file"));
            return;
        }
        if (sink.getKafka() != null) {
            kafka(problems, sink.getKafka());
        } else if (sink.getPulsar() != null) {
            pulsar(problems, sink.getPulsar());
        } else {
            file(problems, sink.getFile(), format);
        }
    }

    private static void file(List<Problem> problems, FileSinkSpec file, Format format) {
        String at = "spec.sink.file";
        if (file.getPath() == null || file.getPath().isBlank()) {
            problems.add(new Problem(at + ".path", "is required: the directory the files go to"));
        }
        if (file.getFormat() == null) {
            problems.add(new Problem(at + ".format", "is required: csv, jsonl or parquet"));
        }
        if (file.getRollSeconds() != null && (file.getRollSeconds() < 1 || file.getRollSeconds() > Limits.MAX_ROLL_SECONDS)) {
            problems.add(new Problem(at + ".rollSeconds", file.getRollSeconds() + " is out of range: use 1 to "
                    + Limits.MAX_ROLL_SECONDS + ", or leave it out for " + FileSinkSpec.DEFAULT_ROLL_SECONDS));
        }
        if (file.getRollBytes() != null && file.getRollBytes() < Limits.MIN_ROLL_BYTES) {
            problems.add(new Problem(at + ".rollBytes", file.getRollBytes() + " is out of range: use " + Limits.MIN_ROLL_BYTES
                    + " or more bytes, or leave it out for " + FileSinkSpec.DEFAULT_ROLL_BYTES + " (256 MiB)"));
        }
        // Files hold the records' fields in the file's own format; only JSON is encoded for them (the jsonl lines).
        if (format == Format.AVRO) {
            problems.add(new Problem("spec.format", "avro does not apply to sink.file: the files hold the records in "
                    + "sink.file.format (parquet carries the Avro schema); leave format out"));
        }
    }

    private static void kafka(List<Problem> problems, KafkaSinkSpec kafka) {
        String at = "spec.sink.kafka";
        if (kafka.getTopic() == null || kafka.getTopic().isEmpty()) {
            problems.add(new Problem(at + ".topic", "is required"));
        } else if (!TOPIC.matcher(kafka.getTopic()).matches() || kafka.getTopic().equals(".") || kafka.getTopic().equals("..")) {
            problems.add(new Problem(at + ".topic", "\"" + kafka.getTopic()
                    + "\" is not a legal Kafka topic name: use 1 to 249 of a-z A-Z 0-9 . _ -"));
        }
        if (kafka.getBootstrapServers() != null && kafka.getBootstrapServers().isBlank()) {
            problems.add(new Problem(at + ".bootstrapServers", "is blank: give host:port, or leave it out to use an embedded broker locally"));
        }
        partitions(problems, at, kafka.getPartitions());
        notNegative(problems, at + ".lingerMs", kafka.getLingerMs(), "");
        notNegative(problems, at + ".batchSize", kafka.getBatchSize(), " bytes");
        kafka.getProperties().keySet().stream().filter(ProfileValidator::holdsACredential).forEach(key ->
                problems.add(new Problem(at + ".properties." + key, "would put a credential in the LoadProfile (and the "
                        + "workers' ConfigMap): put it in a Secret and name it in sink.kafka.security")));
        if (kafka.getSecurity() != null) {
            kafkaSecurity(problems, at + ".security", kafka.getSecurity());
        }
    }

    /** Kafka client properties whose values are passwords or hold them. */
    private static boolean holdsACredential(String property) {
        return property.equals("sasl.jaas.config") || property.endsWith(".password")
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
            problems.add(new Problem(at + ".sasl", "is required by protocol " + protocol
                    + ": give mechanism and secretRef.name of a Secret with username and password"));
        } else if (!protocol.usesSasl() && sasl != null) {
            problems.add(new Problem(at + ".sasl", "is set but protocol " + protocol + " does not use SASL: "
                    + "use SASL_PLAINTEXT or SASL_SSL, or remove sasl"));
        } else if (sasl != null) {
            if (sasl.getMechanism() == null) {
                problems.add(new Problem(at + ".sasl.mechanism", "is required: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"));
            }
            PasswordSecretRef ref = sasl.getSecretRef();
            if (ref == null) {
                problems.add(new Problem(at + ".sasl.secretRef", "is required: name of a Secret with username and password"));
            } else {
                secretName(problems, at + ".sasl.secretRef.name", ref.getName());
                secretKey(problems, at + ".sasl.secretRef.usernameKey", ref.getUsernameKey());
                if (sasl.getUsername() != null && ref.getUsernameKey() != null) {
                    problems.add(new Problem(at + ".sasl.username", "and sasl.secretRef.usernameKey both name the user: "
                            + "keep one"));
                }
                secretKey(problems, at + ".sasl.secretRef.passwordKey", ref.getPasswordKey());
            }
        }
        if (security.getTls() != null) {
            if (!protocol.usesTls()) {
                problems.add(new Problem(at + ".tls", "is set but protocol " + protocol + " does not use TLS: "
                        + "use SSL or SASL_SSL, or remove tls"));
            } else {
                tls(problems, at + ".tls", security.getTls());
            }
        }
    }

    private static void tls(List<Problem> problems, String at, TlsSpec tls) {
        CaSecretRef ref = tls.getSecretRef();
        if (ref == null) {
            problems.add(new Problem(at + ".secretRef", "is required: name of a Secret with the CA certificate "
                    + "(PEM, key ca.crt), or remove tls to trust the JVM's default CAs"));
            return;
        }
        secretName(problems, at + ".secretRef.name", ref.getName());
        secretKey(problems, at + ".secretRef.caKey", ref.getCaKey());
    }

    static void secretName(List<Problem> problems, String path, String name) {
        if (name == null || name.isEmpty()) {
            problems.add(new Problem(path, "is required: the name of a Secret in the LoadProfile's namespace"));
        } else if (name.length() > Limits.MAX_SECRET_NAME_LENGTH || !SECRET_NAME.matcher(name).matches()) {
            problems.add(new Problem(path, "\"" + name + "\" is not a Secret name: use lower-case letters, digits, "
                    + "'-' and '.', starting and ending with a letter or digit"));
        }
    }

    static void secretKey(List<Problem> problems, String path, String key) {
        if (key != null && !SECRET_KEY.matcher(key).matches()) {
            problems.add(new Problem(path, "\"" + key + "\" is not a Secret key: use letters, digits, '-', '_' and '.'"));
        }
    }

    private static void pulsar(List<Problem> problems, PulsarSinkSpec pulsar) {
        String at = "spec.sink.pulsar";
        if (pulsar.getTopic() == null || pulsar.getTopic().isEmpty()) {
            problems.add(new Problem(at + ".topic", "is required"));
        } else if (!PULSAR_TOPIC.matcher(pulsar.getTopic()).matches()) {
            problems.add(new Problem(at + ".topic", "\"" + pulsar.getTopic() + "\" is not a Pulsar topic name: use NAME, "
                    + "tenant/namespace/NAME or persistent://tenant/namespace/NAME, names of a-z A-Z 0-9 _ - . = :"));
        }
        if (pulsar.getServiceUrl() != null && !pulsar.getServiceUrl().matches("pulsar(\\+ssl)?://\\S+")) {
            problems.add(new Problem(at + ".serviceUrl", "\"" + pulsar.getServiceUrl()
                    + "\" is not a Pulsar service URL: use pulsar://host:6650 or pulsar+ssl://host:6651"));
        }
        if (pulsar.getAdminUrl() != null && !pulsar.getAdminUrl().matches("https?://\\S+")) {
            problems.add(new Problem(at + ".adminUrl", "\"" + pulsar.getAdminUrl()
                    + "\" is not an admin URL: use http://host:8080 or https://host:8443"));
        }
        partitions(problems, at, pulsar.getPartitions());
        if (pulsar.getPartitions() != null && pulsar.getAdminUrl() == null) {
            problems.add(new Problem(at + ".partitions", "needs adminUrl: partitioned topics are created through the "
                    + "admin API; set adminUrl, or leave partitions out to use an existing or auto-created topic"));
        }
        notNegative(problems, at + ".sendTimeoutMs", pulsar.getSendTimeoutMs(), " (0 waits forever)");
        PulsarAuthSpec auth = pulsar.getAuth();
        if (auth != null && auth.getToken() == null) {
            problems.add(new Problem(at + ".auth.token", "is required: token authentication is the one auth method; "
                    + "give token.secretRef.name, or remove auth"));
        } else if (auth != null && auth.getToken().getSecretRef() == null) {
            problems.add(new Problem(at + ".auth.token.secretRef", "is required: name of a Secret with the token"));
        } else if (auth != null) {
            secretName(problems, at + ".auth.token.secretRef.name", auth.getToken().getSecretRef().getName());
            secretKey(problems, at + ".auth.token.secretRef.key", auth.getToken().getSecretRef().getKey());
        }
        if (pulsar.getTls() != null) {
            // Without a serviceUrl, `run --service-url` may give a pulsar+ssl:// one.
            boolean noTlsUrl = pulsar.getServiceUrl() != null && !pulsar.getServiceUrl().startsWith("pulsar+ssl://")
                    && (pulsar.getAdminUrl() == null || !pulsar.getAdminUrl().startsWith("https://"));
            if (noTlsUrl) {
                problems.add(new Problem(at + ".tls", "is set but neither serviceUrl " + pulsar.getServiceUrl()
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

    private static void partitions(List<Problem> problems, String at, Integer partitions) {
        if (partitions != null && (partitions < 1 || partitions > Limits.MAX_PARTITIONS)) {
            problems.add(new Problem(at + ".partitions", partitions + " is out of range: use 1 to " + Limits.MAX_PARTITIONS));
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

    private static void rate(List<Problem> problems, String path, Long rate) {
        if (rate == null) {
            problems.add(new Problem(path, "is required: messages per second, 0 to " + Limits.MAX_TARGET_RATE));
        } else if (rate < 0 || rate > Limits.MAX_TARGET_RATE) {
            problems.add(new Problem(path, rate + " is out of range: use 0 to " + Limits.MAX_TARGET_RATE + " messages per second"));
        }
    }

    private static void positiveDuration(List<Problem> problems, String path, String text, boolean required) {
        if (text == null) {
            if (required) {
                problems.add(new Problem(path, "is required, e.g. 30s, 2m or 1h30m"));
            }
            return;
        }
        Duration d = Durations.parse(text).orElse(null);
        if (d == null) {
            problems.add(new Problem(path, "\"" + text + "\" is not a duration: use e.g. 500ms, 30s, 2m or 1h30m"));
        } else if (d.isZero()) {
            problems.add(new Problem(path, "must be longer than 0"));
        }
    }
}
