package io.loadfleet.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one way to tell which sinks a spec names and which topic is verified, adding nothing to the spec's JSON. */
class SinkSpecTest {

    private static SinkSpec sink(SinkKind... kinds) {
        SinkSpec sink = new SinkSpec();
        for (SinkKind kind : kinds) {
            switch (kind) {
                case KAFKA -> sink.setKafka(new KafkaSinkSpec());
                case PULSAR -> sink.setPulsar(new PulsarSinkSpec());
                case FILE -> sink.setFile(new FileSinkSpec());
            }
        }
        return sink;
    }

    @Test
    void kindsAreTheSinksSetInSpecOrder() {
        for (SinkKind kind : SinkKind.values()) {
            assertEquals(Set.of(kind), sink(kind).kinds());
        }
        assertEquals(Set.of(), sink().kinds());
        assertEquals(
                EnumSet.of(SinkKind.KAFKA, SinkKind.FILE),
                sink(SinkKind.FILE, SinkKind.KAFKA).kinds());
        assertEquals(EnumSet.allOf(SinkKind.class), sink(SinkKind.values()).kinds());
    }

    @Test
    void theTopicIsKafkasThenPulsarsAndNoneForFilesAlone() {
        assertEquals(SinkKind.KAFKA, sink(SinkKind.values()).topicKind());
        assertEquals(SinkKind.PULSAR, sink(SinkKind.FILE, SinkKind.PULSAR).topicKind());
        assertNull(sink(SinkKind.FILE).topicKind());
        assertTrue(sink(SinkKind.FILE).filesOnly());
        assertFalse(sink(SinkKind.FILE, SinkKind.PULSAR).filesOnly());
        assertFalse(sink(SinkKind.KAFKA).filesOnly());
    }

    @Test
    void kindIsNotPartOfTheJson() throws Exception {
        SinkSpec sink = sink(SinkKind.KAFKA);
        sink.getKafka().setTopic("t");
        assertEquals("{\"kafka\":{\"topic\":\"t\",\"properties\":{}}}", new ObjectMapper().writeValueAsString(sink));
    }
}
