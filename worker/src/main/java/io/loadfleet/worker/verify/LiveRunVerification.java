package io.loadfleet.worker.verify;

import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.engine.EndToEndSecond;
import io.loadfleet.worker.engine.LocalRun;
import io.loadfleet.worker.engine.RunSummary;
import io.loadfleet.worker.engine.RunVerification;
import io.loadfleet.worker.engine.SinkTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        // a name of its own: runs verifying into one topic at once must not share a Pulsar subscription
        String name = "loadfleet-verify-" + UUID.randomUUID().toString().substring(0, 8);
        verifier = LiveVerifier.start(PartitionSource.open(opened, name), ValueChecks.forSink(opened, format, schema));
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
