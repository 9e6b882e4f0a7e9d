package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.PulsarSinkSpec;
import io.loadfleet.worker.generate.Generators;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.impl.ProducerBuilderImpl;
import org.apache.pulsar.client.impl.conf.ProducerConfigurationData;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each sink.pulsar field does to the producer (the client connects only on create()). */
class PulsarSinkConfigTest {
    static PulsarClient client;

    @BeforeAll
    static void client() throws Exception {
        client = PulsarClient.builder().serviceUrl("pulsar://127.0.0.1:1").build();
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
    }

    static PulsarSinkSpec spec(String pulsarYaml) throws Exception {
        return ProfileLoader.parse("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: c}
                spec:
                  targetRate: 1
                  devices: {count: 1}
                  generator: {type: iot-sensor}
                  sink: {pulsar: %s}
                """.formatted(pulsarYaml))
                .getSpec()
                .getSink()
                .getPulsar();
    }

    static ProducerConfigurationData conf(PulsarSinkSpec spec) {
        var builder = PulsarSink.producer(client, spec, Format.AVRO, Generators.schema(GeneratorType.IOT_SENSOR));
        return ((ProducerBuilderImpl<byte[]>) builder).getConf();
    }

    @Test
    void unsetKnobsKeepTheClientsDefaultsButBlockWhenTheQueueIsFull() throws Exception {
        ProducerConfigurationData c = conf(spec("{topic: t}"));
        ProducerConfigurationData defaults = new ProducerConfigurationData();
        assertEquals("persistent://public/default/t", c.getTopicName());
        assertTrue(c.isBlockIfQueueFull(), "backpressure slows the sender instead of failing records");
        assertEquals(defaults.getCompressionType(), c.getCompressionType());
        assertEquals(defaults.isBatchingEnabled(), c.isBatchingEnabled());
        assertEquals(defaults.getBatchingMaxMessages(), c.getBatchingMaxMessages());
        assertEquals(defaults.getSendTimeoutMs(), c.getSendTimeoutMs());
    }

    @Test
    void everyFieldReachesTheProducerAndPropertiesWin() throws Exception {
        ProducerConfigurationData c = conf(spec("""
                {topic: "acme/iot/t", compression: ZSTD, sendTimeoutMs: 0, blockIfQueueFull: false,
                 batching: {enabled: true, maxDelayMs: 7, maxMessages: 500, maxBytes: 65536},
                 properties: {batchingMaxMessages: "42", maxPendingMessages: "5000", producerName: p1}}"""));
        assertEquals("persistent://acme/iot/t", c.getTopicName());
        assertEquals(CompressionType.ZSTD, c.getCompressionType());
        assertEquals(0, c.getSendTimeoutMs());
        assertFalse(c.isBlockIfQueueFull());
        assertTrue(c.isBatchingEnabled());
        assertEquals(7_000, c.getBatchingMaxPublishDelayMicros());
        assertEquals(65536, c.getBatchingMaxBytes());
        assertEquals(42, c.getBatchingMaxMessages(), "properties win over fields");
        assertEquals(5000, c.getMaxPendingMessages());
        assertEquals("p1", c.getProducerName());
    }

    @Test
    void theTopicGetsTheGeneratorsSchemaAndBytesPassThrough() {
        var schema = PreEncodedSchema.of(SchemaType.JSON, Generators.schema(GeneratorType.IOT_SENSOR));
        assertEquals(SchemaType.JSON, schema.getSchemaInfo().getType());
        assertEquals(
                Generators.schema(GeneratorType.IOT_SENSOR).toString(),
                schema.getSchemaInfo().getSchemaDefinition());
        byte[] bytes = {1, 2, 3};
        assertTrue(bytes == schema.encode(bytes), "no copy, no re-encoding");
    }

    @Test
    void anUnknownPropertyIsRefusedByName() throws Exception {
        PulsarSinkSpec spec = spec("{topic: t, properties: {batchingMaxMesages: \"42\"}}");
        Exception e = assertThrows(InvalidSinkSettingException.class, () -> conf(spec));
        assertTrue(
                e.getMessage().startsWith("sink.pulsar.properties: Unrecognized field \"batchingMaxMesages\""),
                e.getMessage());
    }
}
