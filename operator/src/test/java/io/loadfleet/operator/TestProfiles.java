package io.loadfleet.operator;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import java.util.List;

/** LoadProfiles and pod statuses the operator's unit tests start from. */
public final class TestProfiles {

    private TestProfiles() {}

    /** The spec of a smart-meter fleet of 30,000 msg/s on Kafka over 1,000 devices, to vary by replacing text. */
    public static final String SMART_METER_SPEC = """
            targetRate: 30000
            devices: {count: 1000}
            generator: {type: smart-meter, seed: 1}
            sink: {kafka: {bootstrapServers: "kafka:9092", topic: t}}
            """;

    /** {@link #SMART_METER_SPEC} at this rate, paused or not. */
    public static LoadProfile smartMeter(long rate, boolean paused) {
        return withSpec(SMART_METER_SPEC.replace("30000", Long.toString(rate)) + "paused: " + paused + "\n");
    }

    /** A LoadProfile {@code grid} in namespace {@code test}, generation 1, with this spec (YAML, unindented). */
    public static LoadProfile withSpec(String specYaml) {
        LoadProfile profile = Serialization.unmarshal("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: grid, namespace: test, uid: 5f0c1d2e, generation: 1}
                spec:
                """ + specYaml.indent(2), LoadProfile.class);
        return profile;
    }

    /** A pod's status with counters and no histograms. */
    public static WorkerStatus pod(
            WorkerState state, long epoch, long sent, long acked, long errors, String lastError) {
        return new WorkerStatus(
                "grid",
                state,
                epoch,
                new WorkerStatus.ShardRange(0, 1, 0, 1),
                0,
                new Counters(sent, acked, acked, errors, lastError),
                0,
                WorkerStatus.Histograms.NONE,
                List.of(),
                List.of());
    }
}
