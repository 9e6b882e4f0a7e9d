package io.loadfleet.worker.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The device pickers' laws, each at a fixed seed: the tolerances are quantiles of the statistic's
 * distribution (chi-square, binomial) at one in a thousand or rarer, so a correct picker passes
 * and a biased one (off by a few percent at these sample sizes) fails.
 */
class DevicePickersTest {

    private static final long SEED = 20_260_115L;
    private static final List<DeviceChoice> DRAWN = List.of(
            new DeviceChoice.UniformRandom(),
            new DeviceChoice.Zipf(1.1),
            new DeviceChoice.Zipf(0.7),
            new DeviceChoice.HotSet(0.01, 0.5));

    /** The 99.9 % quantiles of chi-square with 9, 20 and 99 degrees of freedom (standard tables). */
    private static final double CHI2_9 = 27.88;

    private static final double CHI2_20 = 45.31;
    private static final double CHI2_99 = 148.23;

    @Test
    void roundRobinHasNoPickerTheShardKeepsItsInlineModulo() {
        assertNull(DevicePickers.of(DeviceChoice.ROUND_ROBIN, SEED, 0, 1_000));
    }

    @Test
    void offsetsStayWithinTheRange() {
        for (DeviceChoice choice : DRAWN) {
            for (long count : new long[] {1, 2, 7, 1_000, 5_000_000}) {
                DevicePicker picker = DevicePickers.of(choice, SEED, 3, count);
                for (long seq = 0; seq < 20_000; seq++) {
                    long offset = picker.offset(seq);
                    assertTrue(offset >= 0 && offset < count, choice + " over " + count + ": " + offset);
                }
            }
        }
    }

    @Test
    void anOffsetIsAPureFunctionOfSeedShardAndSequence() {
        for (DeviceChoice choice : DRAWN) {
            DevicePicker forward = DevicePickers.of(choice, SEED, 2, 1_000_000);
            long[] offsets = new long[1_000];
            for (int seq = 0; seq < offsets.length; seq++) {
                offsets[seq] = forward.offset(seq);
            }
            DevicePicker backward = DevicePickers.of(choice, SEED, 2, 1_000_000);
            for (int seq = offsets.length - 1; seq >= 0; seq--) {
                assertEquals(offsets[seq], backward.offset(seq), choice + " at " + seq);
            }
            DevicePicker otherShard = DevicePickers.of(choice, SEED, 3, 1_000_000);
            DevicePicker otherSeed = DevicePickers.of(choice, SEED + 1, 2, 1_000_000);
            int sameInOtherShard = 0;
            int sameWithOtherSeed = 0;
            for (int seq = 0; seq < offsets.length; seq++) {
                sameInOtherShard += otherShard.offset(seq) == offsets[seq] ? 1 : 0;
                sameWithOtherSeed += otherSeed.offset(seq) == offsets[seq] ? 1 : 0;
            }
            // independent zipf 1.1 streams agree on about 2 % of records (the sum of the squared
            // probabilities; its top device alone takes 12 %), the others on fewer; an ignored
            // shard or seed on all
            assertTrue(sameInOtherShard < 200, choice + ": " + sameInOtherShard + " same offsets in another shard");
            assertTrue(sameWithOtherSeed < 200, choice + ": " + sameWithOtherSeed + " same offsets with another seed");
        }
    }

    @Test
    void theDeviceStreamIsNotTheRecordStream() {
        DevicePicker picker = DevicePickers.of(new DeviceChoice.UniformRandom(), SEED, 0, 1L << 30);
        RecordRandom records = new RecordRandom();
        int same = 0;
        for (long seq = 0; seq < 1_000; seq++) {
            records.reset(SEED, 0, seq);
            same += picker.offset(seq) == (long) (records.nextDouble() * (1L << 30)) ? 1 : 0;
        }
        assertEquals(0, same, "offsets repeat the unsalted stream's first draw");
    }

    @Test
    void randomOrderReachesEveryDeviceSoon() {
        // coupon collector: P(n ln n + c n draws miss a device) <= e^-c; c = 10 gives 696 draws for
        // 50 devices, missed with probability below 5e-5
        DevicePicker picker = DevicePickers.of(new DeviceChoice.UniformRandom(), SEED, 1, 50);
        boolean[] seen = new boolean[50];
        int unseen = seen.length;
        for (long seq = 0; seq < 696 && unseen > 0; seq++) {
            int offset = (int) picker.offset(seq);
            if (!seen[offset]) {
                seen[offset] = true;
                unseen--;
            }
        }
        assertEquals(0, unseen, "devices never drawn");
    }

    @Test
    void randomOrderIsUniform() {
        long[] observed = counts(DevicePickers.of(new DeviceChoice.UniformRandom(), SEED, 0, 100), 100, 100_000);
        double[] expected = new double[100];
        Arrays.fill(expected, 1.0 / 100);
        assertChiSquareBelow(CHI2_99, observed, expected, "uniform over 100 devices");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.1, 0.7, 2.0})
    void zipfRanksFollowZipfsLaw(double exponent) {
        int count = 1_000;
        int draws = 200_000;
        long[] byOffset = counts(DevicePickers.of(new DeviceChoice.Zipf(exponent), SEED, 0, count), count, draws);
        // ranks 1..20 each, and the tail 21..count together: 21 cells, 20 degrees of freedom
        double h = harmonic(count, exponent);
        long[] observed = new long[21];
        double[] expected = new double[21];
        for (int k = 1; k <= count; k++) {
            int cell = Math.min(k, 21) - 1;
            observed[cell] += byOffset[k - 1];
            expected[cell] += Math.pow(k, -exponent) / h;
        }
        assertChiSquareBelow(CHI2_20, observed, expected, "zipf " + exponent + " over " + count);
    }

    @Test
    void zipfOverFiveMillionDevicesPutsItsExactShareOnTheTopDevice() {
        int count = 5_000_000;
        int draws = 200_000;
        DevicePicker picker = DevicePickers.of(new DeviceChoice.Zipf(1.1), SEED, 4, count);
        long top = 0;
        long topTen = 0;
        for (long seq = 0; seq < draws; seq++) {
            long offset = picker.offset(seq);
            top += offset == 0 ? 1 : 0;
            topTen += offset < 10 ? 1 : 0;
        }
        double h = harmonic(count, 1.1);
        double p = 1 / h;
        double pTen = 0;
        for (int k = 1; k <= 10; k++) {
            pTen += Math.pow(k, -1.1) / h;
        }
        // 4.5 binomial standard deviations: exceeded with probability below 1e-5
        assertEquals(p * draws, top, 4.5 * Math.sqrt(draws * p * (1 - p)), "rank 1's draws");
        assertEquals(pTen * draws, topTen, 4.5 * Math.sqrt(draws * pTen * (1 - pTen)), "ranks 1-10's draws");
    }

    @Test
    void aHotSetTakesItsShareAndDrawsWithinEachPartUniformly() {
        int count = 1_000;
        int draws = 100_000;
        long[] byOffset = counts(DevicePickers.of(new DeviceChoice.HotSet(0.01, 0.5), SEED, 0, count), count, draws);
        long hot = 0;
        for (int i = 0; i < 10; i++) {
            hot += byOffset[i];
        }
        // Binomial(100000, 0.5): standard deviation 158; 4.5 of them are exceeded with probability below 1e-5
        assertEquals(draws * 0.5, hot, 4.5 * Math.sqrt(draws * 0.25), "draws of the 10 hot devices");
        double[] tenth = new double[10];
        Arrays.fill(tenth, 0.1);
        assertChiSquareBelow(CHI2_9, Arrays.copyOf(byOffset, 10), tenth, "among the hot devices");
        long[] coldDecile = new long[10];
        for (int i = 10; i < count; i++) {
            coldDecile[(i - 10) * 10 / (count - 10)] += byOffset[i];
        }
        assertChiSquareBelow(CHI2_9, coldDecile, tenth, "among the cold devices, by tenths");
    }

    @Test
    void aHotSetHasAtLeastOneDeviceAndCountsTheFractionAsWritten() {
        assertEquals(1, DevicePickers.hotDevices(0.0001, 100));
        assertEquals(7, DevicePickers.hotDevices(0.07, 100)); // 0.07 * 100.0 is 7.000000000000001
        assertEquals(10, DevicePickers.hotDevices(0.01, 1_000));
        assertEquals(50_001, DevicePickers.hotDevices(0.01, 5_000_001));
        assertEquals(100, DevicePickers.hotDevices(1, 100));
    }

    @Test
    void aHotShareOfOneOrZeroKeepsToOnePart() {
        DevicePicker allHot = DevicePickers.of(new DeviceChoice.HotSet(0.05, 1), SEED, 0, 100);
        DevicePicker noneHot = DevicePickers.of(new DeviceChoice.HotSet(0.05, 0), SEED, 0, 100);
        for (long seq = 0; seq < 10_000; seq++) {
            assertTrue(allHot.offset(seq) < 5);
            assertTrue(noneHot.offset(seq) >= 5);
        }
    }

    @Test
    void whenEveryDeviceIsHotAllAreDrawnUniformly() {
        DevicePicker hotSet = DevicePickers.of(new DeviceChoice.HotSet(1, 0.3), SEED, 0, 100);
        DevicePicker uniform = DevicePickers.of(new DeviceChoice.UniformRandom(), SEED, 0, 100);
        for (long seq = 0; seq < 1_000; seq++) {
            assertEquals(uniform.offset(seq), hotSet.offset(seq));
        }
    }

    @Test
    void choicesRefuseParametersOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceChoice.Zipf(0));
        assertThrows(IllegalArgumentException.class, () -> new DeviceChoice.Zipf(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new DeviceChoice.Zipf(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new DeviceChoice.HotSet(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DeviceChoice.HotSet(1.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DeviceChoice.HotSet(0.1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new DeviceChoice.HotSet(0.1, 1.1));
        assertThrows(
                IllegalArgumentException.class, () -> DevicePickers.of(new DeviceChoice.UniformRandom(), SEED, 0, 0));
        assertNotEquals(new DeviceChoice.Zipf(1.1), new DeviceChoice.Zipf(1.2));
    }

    private static long[] counts(DevicePicker picker, int count, int draws) {
        long[] counts = new long[count];
        for (long seq = 0; seq < draws; seq++) {
            counts[(int) picker.offset(seq)]++;
        }
        return counts;
    }

    /** H(n, s): the sum of k^-s for k = 1..n. */
    private static double harmonic(int n, double s) {
        double sum = 0;
        for (int k = n; k >= 1; k--) { // smallest terms first, for accuracy
            sum += Math.pow(k, -s);
        }
        return sum;
    }

    private static void assertChiSquareBelow(double limit, long[] observed, double[] probabilities, String what) {
        long total = Arrays.stream(observed).sum();
        double chi2 = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * probabilities[i];
            chi2 += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        assertTrue(chi2 < limit, what + ": chi-square " + chi2 + " is at or above " + limit);
    }
}
