package io.loadfleet.worker.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.api.spec.SinkKind;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.api.spec.VerifySpec;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.secret.UnreadableSecretException;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.SinkException;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
import io.loadfleet.worker.verify.FramedAvroValues;
import io.loadfleet.worker.verify.LiveAudit;
import io.loadfleet.worker.verify.TopicReader;
import io.loadfleet.worker.verify.TopicReaders;
import io.loadfleet.worker.verify.ValueChecks;
import io.loadfleet.worker.verify.VerifySummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadfleet verify}: reads a topic back and proves nothing was lost or duplicated. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        resourceBundle = "io.loadfleet.worker.cli.VerifyCommand",
        description = {
            "Read a topic from the beginning until idle and check every loadfleet",
            "record's identity: per producer shard and epoch, records, lost (sequence",
            "gaps), duplicates and out-of-order, and end-to-end latency (consume time",
            "- event time). Records marked as injected by spec.faults (header",
            "loadfleet.injected) are counted apart, not as loss, duplicates or",
            "disorder.",
            "--profile reads the topic a LoadProfile's sink sends to, as run connects:",
            "its broker, TLS, SASL or token (from Secret files under --secrets-dir),",
            "format and generator. Values framed for a schema registry",
            "(sink.kafka.schemaRegistry or --schema-registry) are decoded with the",
            "writer schema their id names.",
            "Exit code: 0 nothing lost or duplicated, 1 something was, or the broker",
            "or registry failed or refused the credentials, 2 bad input.",
            "",
            "--live runs a verifier pod of a fleet instead: it reads the topic of the",
            "sink in --config, mounted as a worker pod's, from the partitions and",
            "positions the operator assigns (PUT /verify/assignment), and reports",
            "everything it counted (GET /verify/report). Exit code: 0 once stopped,",
            "2 bad input."
        })
final class VerifyCommand implements Callable<Integer> {
    /** What only reading a topic back takes; with --live, the sink is the one --config names. */
    private static final List<String> OFFLINE_ONLY =
            List.of("--profile", "--topic", "--format", "--generator", "--schema-registry", "--idle", "--summary");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--live", description = "Run as a verifier pod of a fleet, serving the verifier API (see above)")
    boolean live;

    @CommandLine.Mixin
    PodOptions pod;

    @Option(
            names = "--subscription",
            paramLabel = "NAME",
            defaultValue = "loadfleet-verify",
            description = "With --live: the Kafka consumer's client.id (it joins no group and commits nothing), or "
                    + "the Pulsar readers' subscription name (default ${DEFAULT-VALUE})")
    String subscription;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description = "LoadProfile YAML or JSON whose sink to read: broker, topic, security, schema registry, "
                    + "format and generator (an option that gives one of these replaces the profile's)")
    Path profileFile;

    @CommandLine.Mixin
    SinkOptions sinkOptions;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to read (needed without --profile)")
    String topic;

    @Option(
            names = "--format",
            paramLabel = "json|avro",
            description = "Also check every value is a well-formed record: json, or avro (with --generator or "
                    + "--profile); default the profile's spec.format, none without a profile")
    String format;

    @Option(
            names = "--generator",
            paramLabel = ShapeArgument.LABEL,
            description = "The generator whose Avro schema --format avro decodes with, replacing the profile's: "
                    + ShapeArgument.DESCRIPTION)
    String generator;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            description = "Values are framed for this Confluent-compatible registry (magic byte, schema id, Avro):"
                    + " replaces sink.kafka.schemaRegistry.url, or names a registry without credentials")
    String schemaRegistry;

    @Option(
            names = "--idle",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = PositiveDurationConverter.class,
            description = "Stop after the topic stayed this long without a new record (default ${DEFAULT-VALUE})")
    Duration idle;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Write the findings as JSON")
    Path summaryFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        String misplaced = misplacedOption();
        if (misplaced != null) {
            return CliErrors.usage(err, misplaced);
        }
        if (live) {
            return VerifierPodLauncher.run(
                    pod, sinkOptions, subscription, command.commandLine().getOut(), err);
        }
        LoadProfile profile = profileFile == null ? null : ProfileArgument.load(profileFile, err);
        if (profileFile != null && profile == null) {
            return CommandLine.ExitCode.USAGE;
        }
        SinkTarget target;
        try {
            target = sinkOptions.target(sinkToRead(profile));
        } catch (IllegalArgumentException e) {
            return CliErrors.usage(err, e.getMessage());
        }
        if (target.address() == null) {
            return CliErrors.usage(err, profileFile + ": " + target.missingAddress());
        }
        VerifySummary summary;
        try {
            Predicate<byte[]> decodes = valueCheck(profile, target, err);
            if (decodes == null) {
                return CommandLine.ExitCode.USAGE;
            }
            summary = read(target, decodes);
        } catch (InvalidSinkSettingException | UnreadableSecretException e) {
            return CliErrors.usage(err, (profileFile == null ? "" : profileFile + ": ") + e.getMessage());
        } catch (SinkException e) {
            err.println("cannot verify: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        print(summary, command.commandLine().getOut());
        if (summaryFile != null) {
            write(summary);
        }
        return summary.clean() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    /** Why an option given does not fit the mode (--live or not), in one line; null when all fit. */
    private String misplacedOption() {
        CommandLine.ParseResult given = command.commandLine().getParseResult();
        List<String> liveOnly = new ArrayList<>(PodOptions.NAMES);
        liveOnly.add("--subscription");
        for (String name : live ? OFFLINE_ONLY : liveOnly) {
            if (given.hasMatchedOption(name)) {
                return live
                        ? name
                                + ": not with --live, which reads the sink --config names, from the positions it is assigned"
                        : name + ": only with --live (a verifier pod)";
            }
        }
        if (live && !subscription.matches(VerifySpec.SUBSCRIPTION_PATTERN)) {
            return "--subscription: \"" + subscription
                    + "\" is not a name: use 1 to 200 letters, digits, '.', '_' or '-'";
        }
        return null;
    }

    /**
     * The profile's sink, or one made of --bootstrap-servers or --service-url alone, with --topic and
     * --schema-registry applied (the broker options are applied by {@link SinkOptions#target}).
     *
     * @throws IllegalArgumentException when the options do not say what to read
     */
    private SinkSpec sinkToRead(LoadProfile profile) {
        SinkSpec sink = profile == null ? sinkOfOptions() : profile.getSpec().getSink();
        if (sink.filesOnly()) {
            throw new IllegalArgumentException(
                    profileFile + ": verify reads a broker's topic; this profile writes files (sink.file)");
        }
        if (topic != null && sink.topicKind() == SinkKind.KAFKA) {
            sink.getKafka().setTopic(topic);
        } else if (topic != null) {
            sink.getPulsar().setTopic(topic);
        }
        if (schemaRegistry != null) {
            if (sink.topicKind() != SinkKind.KAFKA) {
                throw new IllegalArgumentException(
                        "--schema-registry: registry-framed values are read from Kafka; this sink is sink.pulsar");
            }
            if (!schemaRegistry.matches(Limits.REGISTRY_URL_PATTERN)) {
                throw new IllegalArgumentException(
                        "--schema-registry: \"" + schemaRegistry + "\" is not an http:// or https:// URL");
            }
            if (sink.getKafka().getSchemaRegistry() == null) {
                sink.getKafka().setSchemaRegistry(new SchemaRegistrySpec());
            }
            sink.getKafka().getSchemaRegistry().setUrl(schemaRegistry);
        }
        return sink;
    }

    private SinkSpec sinkOfOptions() {
        if ((sinkOptions.bootstrapServers == null) == (sinkOptions.serviceUrl == null)) {
            throw new IllegalArgumentException("give --profile FILE, or exactly one of --bootstrap-servers HOST:PORT "
                    + "(Kafka) or --service-url pulsar://HOST:PORT (Pulsar)");
        }
        if (topic == null) {
            throw new IllegalArgumentException("--topic TOPIC: which topic to read, needed without --profile");
        }
        SinkSpec sink = new SinkSpec();
        if (sinkOptions.bootstrapServers != null) {
            sink.setKafka(new KafkaSinkSpec());
        } else {
            sink.setPulsar(new PulsarSinkSpec());
        }
        return sink;
    }

    /**
     * What every value must be: framed for the sink's schema registry, else of the format and generator
     * the options or the profile name; null after printing why it cannot be told.
     */
    private Predicate<byte[]> valueCheck(LoadProfile profile, SinkTarget target, PrintWriter err) {
        if (format != null && !format.equals("json") && !format.equals("avro")) {
            CliErrors.usage(err, "--format: \"" + format + "\" is not json or avro");
            return null;
        }
        SchemaRegistrySpec registry =
                target.isKafka() ? target.spec().getKafka().getSchemaRegistry() : null;
        if (registry != null) {
            if ("json".equals(format)) {
                CliErrors.usage(err, "--format json: values framed for a schema registry are Avro");
                return null;
            }
            // the writer schema of each value's id, so no generator is needed
            return FramedAvroValues.from(SchemaRegistryClient.of(registry, target.secrets(), target.connectTimeout()));
        }
        Format effective = format != null
                ? Format.valueOf(format.toUpperCase(Locale.ROOT))
                : profile == null ? null : profile.getSpec().effectiveFormat();
        if (effective == null) {
            return ValueChecks.any();
        }
        if (effective == Format.JSON) {
            return ValueChecks.jsonObject();
        }
        ShapeArgument.Resolved shape;
        if (generator != null) {
            shape = ShapeArgument.resolve(generator, 1, sinkOptions.configMapsDir, sinkOptions.secretsDir, err);
        } else if (profile != null) {
            shape = new ShapeArgument.Resolved(
                    profileFile.toString(), profile.getSpec().getGenerator(), 1, sinkOptions.generatorInputs());
        } else {
            CliErrors.usage(
                    err, "--format avro needs --generator GENERATOR or --profile FILE: the schema to decode with");
            return null;
        }
        Schema schema = shape == null ? null : shape.schema(err);
        return schema == null ? null : ValueChecks.avro(schema);
    }

    private VerifySummary read(SinkTarget target, Predicate<byte[]> decodes) throws Exception {
        LiveAudit audit = new LiveAudit(decodes);
        try (TopicReader reader =
                TopicReaders.open(target.spec(), target.address(), target.secrets(), target.connectTimeout(), idle)) {
            reader.readAll(audit::accept);
        }
        return audit.summary(
                target.isKafka()
                        ? target.spec().getKafka().getTopic()
                        : target.spec().getPulsar().getTopic());
    }

    private static void print(VerifySummary s, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%-24s %6s %6s %12s %12s %10s %11s %12s%n",
                "PROFILE",
                "SHARD",
                "EPOCH",
                "RECORDS",
                "LOST",
                "DUPLICATES",
                "OUT_OF_ORDER",
                "HIGHEST_SEQ");
        for (VerifySummary.StreamSummary st : s.streams()) {
            out.printf(
                    Locale.ROOT,
                    "%-24s %6d %6d %,12d %,12d %,10d %,11d %,12d%n",
                    st.profile(),
                    st.shard(),
                    st.epoch(),
                    st.records(),
                    st.lost(),
                    st.duplicates(),
                    st.outOfOrder(),
                    st.highestSequence());
        }
        out.printf(
                Locale.ROOT,
                "verify: %s: %,d records, %,d lost, %,d duplicates, %,d out of order, %,d without identity, "
                        + "%,d undecodable; end-to-end ms p50 %.1f p99 %.1f p99.9 %.1f max %.1f: %s%n",
                s.topic(),
                s.records(),
                s.lost(),
                s.duplicates(),
                s.outOfOrder(),
                s.foreign(),
                s.undecodable(),
                s.endToEndMs().p50(),
                s.endToEndMs().p99(),
                s.endToEndMs().p999(),
                s.endToEndMs().max(),
                s.clean() ? "CLEAN" : "RECORDS LOST OR DUPLICATED");
        if (s.injected() != null) {
            out.printf(
                    Locale.ROOT,
                    "verify: injected by spec.faults, counted apart: %,d duplicates, %,d out of order, %,d late%n",
                    s.injected().duplicates(),
                    s.injected().outOfOrder(),
                    s.injected().late());
        }
        out.flush();
    }

    private void write(VerifySummary s) throws IOException {
        Path parent = summaryFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ProfileLoader.json().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryFile.toFile(), s);
    }
}
