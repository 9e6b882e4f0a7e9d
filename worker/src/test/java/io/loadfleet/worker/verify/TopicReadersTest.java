package io.loadfleet.worker.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.loadfleet.api.spec.KafkaSecurityProtocol;
import io.loadfleet.api.spec.KafkaSecuritySpec;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.worker.secret.SecretFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The consumer connects as the producer does: the sink's security and its connection properties, not its tuning. */
class TopicReadersTest {

    @Test
    void theConsumerGetsTheSecurityAndConnectionPropertiesButNotTheProducerTuning() {
        KafkaSinkSpec spec = new KafkaSinkSpec();
        spec.setTopic("t");
        KafkaSecuritySpec security = new KafkaSecuritySpec();
        security.setProtocol(KafkaSecurityProtocol.SSL);
        spec.setSecurity(security);
        spec.setProperties(Map.of(
                "ssl.endpoint.identification.algorithm", "",
                "security.providers", "p",
                "sasl.login.refresh.window.factor", "0.9",
                "linger.ms", "20",
                "interceptor.classes", "com.example.ProducerOnly"));
        Properties p = TopicReaders.settings(spec, new SecretFiles(Path.of("/nonexistent")));
        assertEquals("SSL", p.getProperty("security.protocol"));
        assertEquals("", p.getProperty("ssl.endpoint.identification.algorithm"));
        assertEquals("p", p.getProperty("security.providers"));
        assertEquals("0.9", p.getProperty("sasl.login.refresh.window.factor"));
        assertFalse(p.containsKey("linger.ms"));
        assertFalse(p.containsKey("interceptor.classes"));
    }
}
