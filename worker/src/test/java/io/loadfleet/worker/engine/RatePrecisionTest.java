package io.loadfleet.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.loadfleet.api.control.Counters;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatePrecisionTest {

    private static RunTimeline.Second second(double elapsed, Long due, long sent) {
        return new RunTimeline.Second(
                elapsed,
                new RunTimeline.Rates(due == null ? null : 1000.0, 0, due),
                new Counters(sent, sent, sent, 0, null),
                new RunTimeline.Percentiles(null, null, null, null, null));
    }

    @Test
    void comparesEachIntervalsSendsWithWhatWasDueInIt() {
        RatePrecision p = RatePrecision.of(List.of(
                second(1.0, 1000L, 1000), // on schedule
                second(2.02, 2020L, 2025), // +0.5 %: a late tick does not count against the sender
                second(3.02, 3020L, 3035), // +1.0 %
                second(4.02, 4020L, 4020), // -1.5 %
                second(5.02, 5020L, 4990), // -3.0 %
                second(6.0, 6000L, 6000))); // +3.06 %: catching up
        assertEquals(new RatePrecision(6, 3, 3.06), p);
    }

    @Test
    void intervalsWithNothingDueAreNotCounted() {
        assertNull(RatePrecision.of(List.of(second(1, null, 5000), second(2, null, 9000))));
        assertNull(RatePrecision.of(List.of()));
        RatePrecision paused = RatePrecision.of(List.of(second(1, 0L, 0), second(2, 500L, 500)));
        assertEquals(new RatePrecision(1, 1, 0.0), paused);
    }
}
