package io.loadfleet.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.worker.verify.DeliveryAudit;
import io.loadfleet.worker.verify.TopicReader;
import io.loadfleet.worker.verify.TopicReaders;
import io.loadfleet.worker.verify.VerifySummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadfleet verify}: reads a topic back and proves nothing was lost or duplicated. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Read a topic from the beginning until idle and check every loadfleet record's identity:",
            "per producer shard and epoch, records, lost (sequence gaps), duplicates and out-of-order, and",
            "end-to-end latency (consume time - event time).",
            "Exit code: 0 nothing lost or duplicated, 1 something was, 2 bad input."
        })
final class VerifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to read from")
    String bootstrapServers;

    @Option(names = "--service-url", paramLabel = "pulsar://HOST:PORT", description = "Pulsar to read from")
    String serviceUrl;

    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "Topic to read")
    String topic;

    @Option(
            names = "--format",
            paramLabel = "json|avro",
            description = "Also check every value is a well-formed record: " + "json, or avro (with --generator)")
    String format;

    @Option(
            names = "--generator",
            paramLabel = ShapeArgument.LABEL,
            description = "The generator whose Avro schema --format avro decodes with: " + ShapeArgument.DESCRIPTION)
    String generator;

    @CommandLine.Mixin
    ShapeArgument.Inputs inputs;

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
        if ((bootstrapServers == null) == (serviceUrl == null)) {
            return CliErrors.usage(
                    err,
                    "give exactly one of --bootstrap-servers HOST:PORT (Kafka) or --service-url pulsar://HOST:PORT (Pulsar)");
        }
        Predicate<byte[]> decodes;
        if (format == null) {
            decodes = value -> true;
        } else if (format.equals("json")) {
            decodes = VerifyCommand::isJsonObject;
        } else if (format.equals("avro") && generator != null) {
            ShapeArgument.Resolved resolved =
                    ShapeArgument.resolve(generator, 1, inputs.configMapsDir, inputs.secretsDir, err);
            Schema schema = resolved == null ? null : resolved.schema(err);
            if (schema == null) {
                return CommandLine.ExitCode.USAGE;
            }
            decodes = avroDecoder(schema);
        } else if (format.equals("avro")) {
            return CliErrors.usage(err, "--format avro needs --generator GENERATOR: the schema to decode with");
        } else {
            return CliErrors.usage(err, "--format: \"" + format + "\" is not json or avro");
        }
        DeliveryAudit audit = new DeliveryAudit(decodes);
        try (TopicReader reader = bootstrapServers != null
                ? TopicReaders.kafka(bootstrapServers, topic, idle)
                : TopicReaders.pulsar(serviceUrl, topic, idle)) {
            reader.readAll(audit::accept);
        }
        VerifySummary s = audit.summary(topic);
        print(s, command.commandLine().getOut());
        if (summaryFile != null) {
            write(s);
        }
        return s.clean() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
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
        out.flush();
    }

    private void write(VerifySummary s) throws IOException {
        Path parent = summaryFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ProfileLoader.json().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryFile.toFile(), s);
    }

    private static boolean isJsonObject(byte[] value) {
        try {
            return JSON.readTree(value).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static Predicate<byte[]> avroDecoder(Schema schema) {
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
        return value -> {
            try {
                BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, null);
                reader.read(null, in);
                return in.isEnd();
            } catch (IOException | RuntimeException e) {
                return false;
            }
        };
    }
}
