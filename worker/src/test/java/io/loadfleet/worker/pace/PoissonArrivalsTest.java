package io.loadfleet.worker.pace;

import static io.loadfleet.worker.pace.ArrivalsTest.RAMP;
import static io.loadfleet.worker.pace.ArrivalsTest.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.plan.StagePlan;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoissonArrivalsTest {

    @Test
    void gapsBetweenArrivalsAreExponential() {
        int rate = 50_000;
        int n = 20 * rate; // 20 windows
        Arrivals arrivals = new PoissonArrivals(RateSchedule.constant(rate), SECOND, 7, 0);
        double mean = (double) SECOND / rate;
        double sum = 0;
        double squares = 0;
        long longerThanMean = 0;
        long previous = arrivals.dueNanos(0);
        for (int i = 1; i < n; i++) {
            long due = arrivals.dueNanos(i);
            double gap = due - previous;
            sum += gap;
            squares += gap * gap;
            longerThanMean += gap > mean ? 1 : 0;
            previous = due;
        }
        int gaps = n - 1;
        double sampleMean = sum / gaps;
        double cv = Math.sqrt(squares / gaps - sampleMean * sampleMean) / sampleMean;
        // Exponential gaps have CV 1 (given the count, a window's gaps are uniform spacings: CV² = c/(c+2),
        // 1 − 4e-5 here). By the delta method the sample CV of N exponential gaps has standard deviation
        // 1/√N = 0.001: allow 5 of them. Evenly spaced records would give 0.
        assertEquals(1.0, cv, 5 / Math.sqrt(gaps), "coefficient of variation of the gaps");
        // P(gap > mean) = e^-1 for an exponential; binomial standard deviation √(p(1−p)/N) = 0.00048: allow 5.
        double p = Math.exp(-1);
        assertEquals(p, (double) longerThanMean / gaps, 5 * Math.sqrt(p * (1 - p) / gaps), "share of long gaps");
    }

    /**
     * Given its count c, a window's arrivals are c independent draws from the rate's shape across it, so
     * the counts in its sub-windows are multinomial, with expected counts e_i = c·(share of the rate's
     * integral in sub-window i), and Pearson's X² = Σ (x_i − e_i)² / e_i over the m sub-windows of a window
     * is χ² with m − 1 degrees of freedom; over w windows, χ²(w·(m − 1)). X²/(w·m) is the index of
     * dispersion of the counts (variance / mean), whose expectation is 1 − 1/m, not 1: the sub-windows
     * of a window share its fixed count.
     */
    static double pearson(RateSchedule base, Arrivals arrivals, int windows, int perWindow) {
        long sub = SECOND / perWindow;
        long[] counts = new long[windows * perWindow];
        for (long n = 0; base.dueNanos(n) < windows * SECOND; n++) {
            counts[(int) (arrivals.dueNanos(n) / sub)]++;
        }
        double x2 = 0;
        for (int w = 0; w < windows; w++) {
            long c = base.countBefore((w + 1) * SECOND) - base.countBefore(w * SECOND);
            double span = base.countAt((w + 1) * SECOND) - base.countAt(w * SECOND);
            for (int i = w * perWindow; i < (w + 1) * perWindow; i++) {
                double expected = c * (base.countAt((i + 1) * sub) - base.countAt(i * sub)) / span;
                x2 += (counts[i] - expected) * (counts[i] - expected) / expected;
            }
        }
        return x2;
    }

    @Test
    void countsIn10msAreBinomialWithDispersionOneMinusP() {
        int windows = 40;
        int perWindow = 100; // 10 ms: p = 0.01, 500 expected arrivals each at 50,000/s
        RateSchedule base = RateSchedule.constant(50_000);
        double x2 = pearson(base, new PoissonArrivals(base, SECOND, 11, 2), windows, perWindow);
        int freedom = windows * (perWindow - 1); // 3960
        // χ²(k) has mean k and standard deviation √(2k) = 89, and is near normal at this k: allow 4 of them,
        // i.e. an index of dispersion of 0.99 ± 0.089. Evenly spaced records would give 0.
        assertEquals(
                freedom, x2, 4 * Math.sqrt(2.0 * freedom), "X², index of dispersion " + x2 / (windows * perWindow));
    }

    @Test
    void onARampArrivalsAreDenserWhereTheRateIsHigher() {
        // 0 → 100,000/s over 10 s: within a second, a third more arrivals at its end than its start.
        RateSchedule base = RateSchedule.of(List.of(new StagePlan(Duration.ofSeconds(10), 100_000)), 100_000);
        int windows = 10;
        int perWindow = 10; // the fewest expected in a sub-window is 50 (the ramp's first 100 ms)
        double x2 = pearson(base, new PoissonArrivals(base, SECOND, 5, 1), windows, perWindow);
        int freedom = windows * (perWindow - 1); // 90
        // χ²(90): mean 90, standard deviation √180 = 13.4; allow 5 of them. Arrivals uniform in time within
        // each second would miss the ramp's shape by thousands of records: X² in the thousands.
        assertEquals(freedom, x2, 5 * Math.sqrt(2.0 * freedom), "X²");
    }

    @Test
    void theSameSeedAndShardReplayTheSameArrivals() {
        RateSchedule base = RateSchedule.constant(50_000);
        long[] first = dueTimes(new PoissonArrivals(base, SECOND, 42, 3), 150_000);
        assertArrayEquals(first, dueTimes(new PoissonArrivals(base, SECOND, 42, 3), 150_000));
        // Independent arrivals rarely coincide to the nanosecond (20 µs apart on average): under 1 %.
        assertTrue(sameTimes(first, dueTimes(new PoissonArrivals(base, SECOND, 42, 4), 150_000)) < 1_500, "shard 4");
        assertTrue(sameTimes(first, dueTimes(new PoissonArrivals(base, SECOND, 43, 3), 150_000)) < 1_500, "seed 43");
    }

    @Test
    void anyRecordCanBeAskedForInAnyOrder() {
        // A replacement pod starts mid-window; a caller may go back: each window is drawn again as needed.
        long[] expected = dueTimes(new PoissonArrivals(RAMP, SECOND, 9, 0), 20_000); // 11.5 s of the ramp
        Arrivals jumping = new PoissonArrivals(RAMP, SECOND, 9, 0);
        Random order = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            int n = order.nextInt(expected.length);
            assertEquals(expected[n], jumping.dueNanos(n), "record " + n);
            if (n + 1 < expected.length) {
                assertEquals(expected[n + 1], jumping.dueNanos(n + 1), "then record " + (n + 1));
            }
            assertEquals(expected[n], jumping.dueNanos(n), "record " + n + " again");
        }
    }

    static long[] dueTimes(Arrivals arrivals, int count) {
        long[] due = new long[count];
        for (int n = 0; n < count; n++) {
            due[n] = arrivals.dueNanos(n);
        }
        return due;
    }

    private static long sameTimes(long[] a, long[] b) {
        long same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return same;
    }
}
