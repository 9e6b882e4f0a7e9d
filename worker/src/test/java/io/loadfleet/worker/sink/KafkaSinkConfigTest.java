package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.loadfleet.api.spec.Acks;
import io.loadfleet.api.spec.Compression;
import io.loadfleet.api.spec.KafkaSinkSpec;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaSinkConfigTest {

    @Test
    void everyKnobReachesTheProducerAndPropertiesWin() {
        KafkaSinkSpec spec = new KafkaSinkSpec();
        spec.setTopic("t");
        spec.setAcks(Acks.ALL);
        spec.setCompression(Compression.ZSTD);
        spec.setLingerMs(7);
        spec.setBatchSize(131072);
        spec.setProperties(Map.of("max.in.flight.requests.per.connection", "3", "linger.ms", "9"));
        Properties p = KafkaSink.producerConfig(spec, "h:1", "c", new Properties());
        assertEquals("h:1", p.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("zstd", p.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("131072", p.get(ProducerConfig.BATCH_SIZE_CONFIG));
        assertEquals("9", p.get(ProducerConfig.LINGER_MS_CONFIG), "properties win over the typed knobs");
        assertEquals("3", p.get("max.in.flight.requests.per.connection"));
    }

    @Test
    void defaultsAreAcksAllWithIdempotenceAndTheClientsOwnSettings() {
        KafkaSinkSpec spec = new KafkaSinkSpec();
        spec.setTopic("t");
        Properties p = KafkaSink.producerConfig(spec, "h:1", "c", new Properties());
        assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertFalse(p.containsKey(ProducerConfig.LINGER_MS_CONFIG));
        assertFalse(p.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG));
    }

    @Test
    void weakerAcksTurnIdempotenceOffBecauseKafkaRefusesTheMix() {
        KafkaSinkSpec spec = new KafkaSinkSpec();
        spec.setTopic("t");
        spec.setAcks(Acks.LEADER);
        Properties p = KafkaSink.producerConfig(spec, "h:1", "c", new Properties());
        assertEquals("1", p.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("false", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    }
}
