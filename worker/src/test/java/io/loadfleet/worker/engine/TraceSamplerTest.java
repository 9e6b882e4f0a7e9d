package io.loadfleet.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.TracingSpec;
import io.loadfleet.worker.testing.Traceparent;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceSamplerTest {
    static TracingSpec ratio(double ratio) {
        TracingSpec spec = new TracingSpec();
        spec.setSampleRatio(ratio);
        return spec;
    }

    @Test
    void tracesItsShareOfRecordsWithWellFormedDistinctIds() {
        for (double share : new double[] {0.01, 0.25}) {
            TraceSampler sampler = TraceSampler.of(ratio(share), 7, 3, 2);
            int n = 200_000;
            Set<String> traceIds = new HashSet<>();
            Set<String> parentIds = new HashSet<>();
            for (long seq = 0; seq < n; seq++) {
                byte[] header = sampler.traceparent(seq);
                if (header != null) {
                    String text = new String(header, StandardCharsets.US_ASCII);
                    assertTrue(Traceparent.WELL_FORMED.matcher(text).matches(), text);
                    traceIds.add(text.substring(3, 35));
                    parentIds.add(text.substring(36, 52));
                }
            }
            double sd = Math.sqrt(n * share * (1 - share));
            assertEquals(n * share, traceIds.size(), 5 * sd, "traced share at " + share);
            assertEquals(traceIds.size(), parentIds.size(), "every traced record has its own ids");
        }
    }

    @Test
    void theSameCoordinatesTraceTheSameRecordsButEachRunWithIdsOfItsOwn() {
        TraceSampler one = TraceSampler.of(ratio(0.1), 7, 3, 2);
        TraceSampler again = TraceSampler.of(ratio(0.1), 7, 3, 2);
        TraceSampler otherEpoch = TraceSampler.of(ratio(0.1), 7, 3, 5);
        int differ = 0;
        int traced = 0;
        for (long seq = 0; seq < 10_000; seq++) {
            assertEquals(one.traces(seq), again.traces(seq));
            assertEquals(one.traces(seq), one.traceparent(seq) != null);
            if (one.traces(seq)) {
                traced++;
                String first = new String(one.traceparent(seq), StandardCharsets.US_ASCII);
                String second = new String(again.traceparent(seq), StandardCharsets.US_ASCII);
                assertNotEquals(first.substring(3, 35), second.substring(3, 35), "another run, another trace id");
                assertNotEquals(first.substring(36, 52), second.substring(36, 52), "and another parent id");
            }
            differ += one.traces(seq) != otherEpoch.traces(seq) ? 1 : 0;
        }
        assertEquals(1_000, traced, 150);
        assertTrue(differ > 1_000, "another epoch traces other records: " + differ);
    }

    @Test
    void allAtRatioOneAndNothingWithoutTracing() {
        TraceSampler all = TraceSampler.of(ratio(1), 1, 0, 0);
        for (long seq = 0; seq < 10_000; seq++) {
            assertNotEquals(null, all.traceparent(seq));
        }
        assertNull(TraceSampler.of(null, 1, 0, 0));
    }
}
