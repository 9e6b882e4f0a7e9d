package io.loadfleet.worker.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatePrecisionTest {

    private static RunTimeline.Second second(double elapsed, Double target, long sent) {
        return new RunTimeline.Second(elapsed, target, 0, sent, sent, 0, null, null, null, null, null);
    }

    @Test
    void countsIntervalsWithinOnePercentByTheirOwnLength() {
        RatePrecision p = RatePrecision.of(List.of(
                second(1.0, 1000.0, 1000),   // on target
                second(2.02, 1000.0, 2020),  // 1020 in 1.02 s: on target
                second(3.02, 1000.0, 3035),  // +1.5 %
                second(4.02, 1000.0, 4026),  // -0.9 %
                second(5.02, 1000.0, 4996))); // -3.0 %
        assertEquals(new RatePrecision(5, 3, -3.0), p);
    }

    @Test
    void intervalsWithoutATargetAreNotCounted() {
        assertNull(RatePrecision.of(List.of(second(1, null, 5000), second(2, null, 9000))));
        assertNull(RatePrecision.of(List.of()));
        RatePrecision paused = RatePrecision.of(List.of(second(1, 0.0, 0), second(2, 500.0, 500)));
        assertEquals(new RatePrecision(1, 1, 0.0), paused);
    }
}
