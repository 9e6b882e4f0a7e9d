package io.loadfleet.worker.engine;

import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
import io.loadfleet.worker.verify.FramedAvroValues;
import io.loadfleet.worker.verify.LiveAudit;
import io.loadfleet.worker.verify.LiveKafkaVerifier;
import io.loadfleet.worker.verify.StreamId;
import io.loadfleet.worker.verify.TopicReaders;
import io.loadfleet.worker.verify.ValueChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.Schema;

/** {@code run --verify}: the live verifier beside a local run, and what the run's shards owe it. */
final class LiveVerification {
    private LiveVerification() {}

    /** Starts consuming the Kafka topic {@code to} sends to, from its end: before the first record is sent. */
    static LiveKafkaVerifier start(SinkTarget to, Format format, Schema schema) {
        return LiveKafkaVerifier.start(
                to.address(),
                to.spec().getKafka().getTopic(),
                TopicReaders.settings(to.spec().getKafka(), to.secrets()),
                to.connectTimeout(),
                valueCheck(to, format, schema));
    }

    /** A value is what the sink sends: registry-framed Avro, bare Avro of the generator's schema, or a JSON object. */
    private static Predicate<byte[]> valueCheck(SinkTarget to, Format format, Schema schema) {
        SchemaRegistrySpec registry = to.spec().getKafka().getSchemaRegistry();
        if (registry != null) {
            return FramedAvroValues.from(SchemaRegistryClient.of(registry, to.secrets(), to.connectTimeout()));
        }
        return format == Format.AVRO ? ValueChecks.avro(schema) : ValueChecks.jsonObject();
    }

    /** Each shard's stream of a local run owes every sequence it sent, less the sends that failed. */
    static Map<StreamId, LiveAudit.AckedRecords> acked(String profile, RunSummary summary) {
        Map<StreamId, LiveAudit.AckedRecords> acked = new LinkedHashMap<>();
        for (RunSummary.Shard shard : summary.shards()) {
            acked.put(
                    new StreamId(profile, shard.index(), LocalRun.LOCAL_EPOCH),
                    new LiveAudit.AckedRecords(
                            shard.counters().sent(), shard.counters().errors()));
        }
        return acked;
    }
}
