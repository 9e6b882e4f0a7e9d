package io.loadfleet.worker.testing;

import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SinkDecorator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wraps a worker pod's sink in {@link FaultySink} as the system property {@value #PROPERTY} says, e.g.
 * {@code shard=1;drop=5,6,7;double=10,11}: in every epoch, shard 1's records 5, 6 and 7 are dropped while
 * reported acked, and 10 and 11 sent twice. Without the property the sink is left as it is. Registered
 * only in the faulty-worker test image (testing/faulty-worker), through {@link SinkDecorator}.
 */
public final class FaultySinkDecorator implements SinkDecorator {
    public static final String PROPERTY = "loadfleet.faults";

    @Override
    public RecordSink decorate(RecordSink sink) {
        String faults = System.getProperty(PROPERTY);
        if (faults == null) {
            return sink;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : faults.split(";")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
        }
        return new FaultySink(
                sink,
                Integer.parseInt(parts.getOrDefault("shard", "0")),
                sequences(parts.get("drop")),
                sequences(parts.get("double")));
    }

    private static Set<Long> sequences(String list) {
        return list == null || list.isEmpty()
                ? Set.of()
                : Arrays.stream(list.split(","))
                        .map(String::trim)
                        .map(Long::valueOf)
                        .collect(Collectors.toSet());
    }
}
