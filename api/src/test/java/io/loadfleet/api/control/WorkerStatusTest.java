package io.loadfleet.api.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status is one flat JSON object on the wire, as pods and operators of every version read it. */
class WorkerStatusTest {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String FLAT = "{\"profile\":\"grid\",\"state\":\"RUNNING\",\"epoch\":4,\"shard\":1,\"shards\":3,"
            + "\"deviceStart\":100,\"deviceEnd\":200,\"targetRate\":1000.5,\"sent\":10,\"acked\":9,\"written\":8,"
            + "\"errors\":1,\"lastError\":\"timeout\",\"stalledMillis\":5,\"publishLatency\":\"HISTOGRAM1\","
            + "\"scheduleDelay\":\"HISTOGRAM2\","
            + "\"streams\":[{\"shard\":2,\"epoch\":7,\"first\":100,\"through\":199,\"failed\":[150]}],"
            + "\"sinks\":[{\"type\":\"kafka\",\"sent\":10,\"acked\":9,\"written\":9,\"errors\":1,"
            + "\"lastError\":\"timeout\",\"publishLatency\":\"HISTOGRAM3\"},{\"type\":\"file\",\"sent\":10,"
            + "\"acked\":9,\"written\":10,\"errors\":0,\"lastError\":null,\"publishLatency\":null}]}";
    static final WorkerStatus STATUS = new WorkerStatus(
            "grid",
            WorkerState.RUNNING,
            4,
            new WorkerStatus.ShardRange(1, 3, 100, 200),
            1000.5,
            new Counters(10, 9, 8, 1, "timeout"),
            5,
            new WorkerStatus.Histograms("HISTOGRAM1", "HISTOGRAM2"),
            List.of(new StreamAcks(2, 7, 100, 199, List.of(150L))),
            List.of(
                    new SinkCounters("kafka", new Counters(10, 9, 9, 1, "timeout"), "HISTOGRAM3"),
                    new SinkCounters("file", new Counters(10, 9, 10, 0, null), null)));

    @Test
    void writesTheFlatObjectOfTheProtocol() throws Exception {
        assertEquals(FLAT, JSON.writeValueAsString(STATUS));
    }

    @Test
    void readsTheFlatObjectBack() throws Exception {
        assertEquals(STATUS, JSON.readValue(FLAT, WorkerStatus.class));
    }

    @Test
    void aStatusWithoutStreamsOwesNothing() throws Exception {
        String older = FLAT.substring(0, FLAT.indexOf(",\"streams\"")) + "}";

        assertEquals(List.of(), JSON.readValue(older, WorkerStatus.class).streams());
    }

    @Test
    void aStatusWithoutSinksListsNone() throws Exception {
        String older = FLAT.substring(0, FLAT.indexOf(",\"sinks\"")) + "}";

        assertEquals(List.of(), JSON.readValue(older, WorkerStatus.class).sinks());
    }

    @Test
    void aRunOwesWhatSettledLessWhatFailed() {
        assertEquals(99, STATUS.streams().get(0).owed());
        assertEquals(0, new StreamAcks(0, 1, 50, 49, List.of()).owed());
    }

    @Test
    void aPodNotReadyYetSaysWhyAndHasNoShard() throws Exception {
        WorkerStatus loading = WorkerStatus.notReady("grid", WorkerState.LOADING_INPUT, "line 9: bad value");

        assertEquals(loading, JSON.readValue(JSON.writeValueAsString(loading), WorkerStatus.class));
        assertEquals("line 9: bad value", loading.counters().lastError());
        assertEquals(-1, loading.range().shard());
    }
}
