package io.loadfleet.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadfleet.worker.testing.Delivered;
import io.loadfleet.worker.testing.KafkaBroker;
import io.loadfleet.worker.testing.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code loadfleet run} of spec.count with each arrival process into a real broker: exactly the count on the
 * topic, each shard its exact part, and every whole second of each shard's schedule holding exactly its rate,
 * counted by the records' event times (their scheduled instants) from the run's start.
 */
@Timeout(180)
class TrafficShapesRunTest {
    private static final long COUNT = 7_000;
    private static final int SHARDS = 2;
    private static final long SHARD_RATE = 1_000;
    private static final int BURST = 100;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"constant", "poisson", "bursts"})
    void eachArrivalProcessSendsExactlyTheCountAndTheRateInEveryWholeWindow(String process) throws Exception {
        String topic = "shapes-" + process;
        Path profile = Files.writeString(dir.resolve(process + ".yaml"), """
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: shaped}
                spec:
                  targetRate: %d
                  replicas: %d
                  count: %d
                  devices: {count: 1000}
                  generator: {type: temperature, seed: 4}
                  arrival: %s
                  sink: {kafka: {topic: %s, partitions: 2}}
                """.formatted(
                        SHARD_RATE * SHARDS,
                        SHARDS,
                        COUNT,
                        process.equals("bursts")
                                ? "{process: bursts, size: " + BURST + ", every: 1s}"
                                : "{process: " + process + "}",
                        topic));
        Path summaryFile = dir.resolve(process + ".json");
        assertEquals(
                0,
                Loadfleet.execute(
                        "run",
                        profile.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--summary",
                        summaryFile.toString()));
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertEquals(COUNT, summary.get("acked").asLong(), summary.toString());
        long start = Instant.parse(summary.get("startTime").asText()).toEpochMilli();

        List<Delivered> records = KafkaTopics.readAll(kafka.bootstrapServers(), topic, COUNT).stream()
                .map(r -> KafkaTopics.delivered(r, null))
                .toList();
        assertEquals(COUNT, records.size(), "exactly spec.count records on the topic");
        Set<String> ids = new HashSet<>();
        Map<Integer, Map<Long, Long>> perSecond = new TreeMap<>();
        Map<Long, Long> burstOpenings = new TreeMap<>();
        for (Delivered r : records) {
            assertTrue(ids.add(r.shard() + "/" + r.sequence()), "sent once: " + r);
            assertTrue(r.sequence() < COUNT / SHARDS, "within the shard's part: " + r);
            long second = (r.eventTimeMillis() - start) / 1000;
            assertTrue(r.eventTimeMillis() >= start, "not before the run's start: " + r);
            perSecond.computeIfAbsent(r.shard(), s -> new TreeMap<>()).merge(second, 1L, Long::sum);
            if (r.eventTimeMillis() == start + second * 1000) {
                burstOpenings.merge(r.shard() * 1000L + second, 1L, Long::sum);
            }
        }
        System.out.printf("%s arrivals, records per shard and second: %s%n", process, perSecond);
        long whole = COUNT / SHARDS / SHARD_RATE; // 3 whole seconds, then half of one
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<Long, Long> seconds = perSecond.get(shard);
            for (long s = 0; s < whole; s++) {
                assertEquals(SHARD_RATE, seconds.get(s), process + ": shard " + shard + " second " + s);
                if (process.equals("bursts")) {
                    assertTrue(
                            burstOpenings.getOrDefault(shard * 1000L + s, 0L) >= BURST,
                            "shard " + shard + " second " + s + " opens with its burst: " + burstOpenings);
                }
            }
            assertEquals(COUNT / SHARDS - whole * SHARD_RATE, seconds.get(whole), "the rest in the last second");
        }
    }
}
