package io.loadfleet.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one way to tell which sink a spec names, and that it adds nothing to the spec's JSON. */
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
    void kindIsTheOneSinkSet() {
        for (SinkKind kind : SinkKind.values()) {
            assertEquals(Set.of(kind), sink(kind).kinds());
            assertEquals(kind, sink(kind).kind());
        }
    }

    @Test
    void kindsCountsEverySinkSetAndKindRefusesAnythingButOne() {
        assertEquals(Set.of(), sink().kinds());
        assertEquals(
                EnumSet.of(SinkKind.KAFKA, SinkKind.FILE),
                sink(SinkKind.FILE, SinkKind.KAFKA).kinds());
        assertEquals(EnumSet.allOf(SinkKind.class), sink(SinkKind.values()).kinds());
        assertEquals(
                "spec.sink names 0 sinks: set exactly one of sink.kafka, sink.pulsar or sink.file",
                assertThrows(IllegalStateException.class, () -> sink().kind()).getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> sink(SinkKind.KAFKA, SinkKind.PULSAR).kind());
    }

    @Test
    void kindIsNotPartOfTheJson() throws Exception {
        SinkSpec sink = sink(SinkKind.KAFKA);
        sink.getKafka().setTopic("t");
        assertEquals("{\"kafka\":{\"topic\":\"t\",\"properties\":{}}}", new ObjectMapper().writeValueAsString(sink));
    }
}
