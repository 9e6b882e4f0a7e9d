package io.loadfleet.operator.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.loadfleet.api.control.Counters;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.SinkCounters;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Each sink's figures add up over the pods, as the fleet's do: counters summed, histograms merged exactly. */
class FleetTotalsTest {

    @Test
    void eachSinkIsSummedOverThePodsInSpecOrder() {
        Histogram one = new Histogram(3);
        one.recordValue(1_000); // 1 ms
        Histogram other = new Histogram(3);
        other.recordValue(3_000);
        FleetTotals totals = FleetTotals.of(List.of(
                pod(List.of(
                        new SinkCounters("kafka", new Counters(10, 9, 9, 1, "first"), HistogramCodec.encode(one)),
                        new SinkCounters("file", new Counters(10, 10, 10, 0, null), null))),
                pod(List.of(
                        new SinkCounters("kafka", new Counters(20, 20, 20, 0, null), HistogramCodec.encode(other)),
                        new SinkCounters("file", new Counters(20, 18, 20, 2, "disk full"), null)))));

        assertEquals(
                List.of("kafka", "file"),
                totals.sinks().stream().map(FleetTotals.SinkTotal::type).toList());
        FleetTotals.SinkTotal kafka = totals.sinks().get(0);
        assertEquals(new Counters(30, 29, 29, 1, "first"), kafka.counters());
        assertEquals(2, kafka.publishLatency().count());
        assertEquals(3.0, kafka.publishLatency().max(), 0.01);
        FleetTotals.SinkTotal file = totals.sinks().get(1);
        assertEquals(new Counters(30, 28, 30, 2, "disk full"), file.counters());
        assertNull(file.publishLatency(), "no pod measured one");
    }

    private static WorkerStatus pod(List<SinkCounters> sinks) {
        return new WorkerStatus(
                "grid",
                WorkerState.RUNNING,
                1,
                new WorkerStatus.ShardRange(0, 2, 0, 10),
                100,
                Counters.ZERO,
                0,
                WorkerStatus.Histograms.NONE,
                List.of(),
                sinks);
    }
}
