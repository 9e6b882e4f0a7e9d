package io.loadfleet.worker.pace;

import static io.loadfleet.worker.pace.ArrivalsTest.RAMP;
import static io.loadfleet.worker.pace.ArrivalsTest.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BurstArrivalsTest {

    @Test
    void aBurstAtEachWindowsStartThenTheRestEvenlySpaced() {
        // 1000/s in bursts of 20 every second: 20 at once, then 980 with equal gaps of 1/981 s.
        Arrivals arrivals = new BurstArrivals(RateSchedule.constant(1000), SECOND, 20);
        for (long k = 0; k < 5; k++) {
            for (int j = 0; j < 1000; j++) {
                long due = arrivals.dueNanos(k * 1000 + j);
                if (j < 20) {
                    assertEquals(k * SECOND, due, "burst record " + j + " of second " + k);
                } else {
                    double even = k * SECOND + (j - 19) * (SECOND / 981.0);
                    // within a nanosecond: the schedule rounds each due time up to a whole one
                    assertEquals(even, due, 1.0, "spread record " + j + " of second " + k);
                }
            }
        }
    }

    @Test
    void atTheBurstSizeAllTrafficComesInBursts() {
        Arrivals twenty = new BurstArrivals(RateSchedule.constant(20), SECOND, 20);
        Arrivals ten = new BurstArrivals(RateSchedule.constant(10), SECOND, 20);
        for (long n = 0; n < 200; n++) {
            assertEquals(n / 20 * SECOND, twenty.dueNanos(n), "20/s in bursts of 20: record " + n);
            assertEquals(n / 10 * SECOND, ten.dueNanos(n), "10/s in bursts of 20: all 10 at once, record " + n);
        }
    }

    @Test
    void onARampEachBurstIsTheSizeOrTheWholeWindow() {
        long every = SECOND / 4;
        Arrivals arrivals = new BurstArrivals(RAMP, every, 7);
        int windows = 100; // 25 s: windows of a few records (near 0 s and 15 s, where the rate is 0) to 500
        long[] scheduled = new long[windows];
        long[] burst = new long[windows];
        for (long n = 0; RAMP.dueNanos(n) < windows * every; n++) {
            int k = (int) (RAMP.dueNanos(n) / every);
            scheduled[k]++;
            if (arrivals.dueNanos(n) == k * every) {
                burst[k]++;
            }
        }
        int partial = 0;
        for (int k = 0; k < windows; k++) {
            assertEquals(Math.min(7, scheduled[k]), burst[k], "window " + k + " of " + scheduled[k]);
            partial += scheduled[k] > 0 && scheduled[k] < 7 ? 1 : 0;
        }
        assertTrue(partial > 0, "some windows hold fewer records than a burst: near 0 s and 15 s");
    }

    @Test
    void anyRecordCanBeAskedForInAnyOrder() {
        Arrivals sequential = new BurstArrivals(RAMP, SECOND, 20);
        long[] expected = new long[20_000];
        for (int n = 0; n < expected.length; n++) {
            expected[n] = sequential.dueNanos(n);
        }
        Arrivals jumping = new BurstArrivals(RAMP, SECOND, 20);
        for (int n = expected.length - 1; n >= 0; n -= 7) {
            assertEquals(expected[n], jumping.dueNanos(n), "record " + n);
        }
    }
}
