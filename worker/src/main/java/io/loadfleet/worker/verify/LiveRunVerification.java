package io.loadfleet.worker.verify;

import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.SchemaRegistrySpec;
import io.loadfleet.worker.engine.EndToEndSecond;
import io.loadfleet.worker.engine.LocalRun;
import io.loadfleet.worker.engine.RunSummary;
import io.loadfleet.worker.engine.RunVerification;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.sink.PulsarClientSecurity;
import io.loadfleet.worker.sink.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.Schema;

/**
 * {@code run --verify}: the live verifier beside a local run (Kafka or Pulsar), and what the run's shards owe
 * it: every sequence each shard sent, less the sends that failed.
 */
public final class LiveRunVerification implements RunVerification {
    private final String profile;
    private final Format format;
    private final Schema schema;
    private final Duration grace;
    private LiveVerifier verifier;
    /** About when the run starts (it starts right after), for the seconds of {@link #endToEnd}. */
    private long startMillis;

    /**
     * @param grace how long after the run's flush an acknowledged record may take to be consumed
     *              before it counts as lost
     */
    public LiveRunVerification(String profile, Format format, Schema schema, Duration grace) {
        this.profile = profile;
        this.format = format;
        this.schema = schema;
        this.grace = grace;
    }

    /** Starts consuming the topic {@code opened} sends to, from its end. */
    @Override
    public void start(SinkTarget opened) {
        startMillis = System.currentTimeMillis();
        verifier = switch (opened.spec().kind()) {
            case KAFKA ->
                LiveKafkaVerifier.start(
                        opened.address(),
                        opened.spec().getKafka().getTopic(),
                        TopicReaders.settings(opened.spec().getKafka(), opened.secrets()),
                        opened.connectTimeout(),
                        valueCheck(opened));
            case PULSAR ->
                LivePulsarVerifier.start(
                        PulsarClientSecurity.of(opened.spec().getPulsar(), opened.secrets())
                                .client(opened.address(), opened.connectTimeout()),
                        opened.address(),
                        opened.spec().getPulsar().fullTopicName(),
                        valueCheck(opened));
            case FILE ->
                throw new IllegalArgumentException("live verify reads a broker's topic; sink.file writes files");
        };
    }

    @Override
    public RunSummary finish(RunSummary run) throws InterruptedException {
        return run.withVerify(verifier.finish(acked(profile, run), grace));
    }

    @Override
    public List<EndToEndSecond> endToEnd() {
        return verifier.perSecond().stream()
                .map(s -> new EndToEndSecond(
                        ((s.epochSecond() + 1) * 1000 - startMillis) / 1000.0,
                        s.latencyMs().count(),
                        s.latencyMs().p50(),
                        s.latencyMs().p99(),
                        s.latencyMs().max()))
                .toList();
    }

    /** A value is what the sink sends: registry-framed Avro, bare Avro of the generator's schema, or a JSON object. */
    private Predicate<byte[]> valueCheck(SinkTarget to) {
        SchemaRegistrySpec registry = to.isKafka() ? to.spec().getKafka().getSchemaRegistry() : null;
        if (registry != null) {
            return FramedAvroValues.from(SchemaRegistryClient.of(registry, to.secrets(), to.connectTimeout()));
        }
        return format == Format.AVRO ? ValueChecks.avro(schema) : ValueChecks.jsonObject();
    }

    /** Each shard's stream of a local run (epoch 0) owes every sequence it sent, less the sends that failed. */
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
