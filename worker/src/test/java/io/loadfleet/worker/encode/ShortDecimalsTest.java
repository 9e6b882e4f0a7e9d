package io.loadfleet.worker.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path prints exactly what Jackson's fast double writer (the encoder's before) prints. */
class ShortDecimalsTest {
    String format(double value) {
        byte[] out = new byte[3 + ShortDecimals.MAX_LENGTH];
        int length = ShortDecimals.format(value, out, 3);
        return length < 0 ? null : new String(out, 3, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void generatorStyleDecimalsPrintAsJacksonPrintsThem() {
        SplittableRandom random = new SplittableRandom(7);
        long[] powers = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
        int fast = 0;
        for (int i = 0; i < 2_000_000; i++) {
            int k = random.nextInt(powers.length);
            // Rounded as the generators round (Decimals.round1..round6), over the plain range and a little past it.
            double raw = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextDouble(-4, 8));
            double value = Math.round(raw * powers[k]) / (double) powers[k];
            String ours = format(value);
            if (ours != null) {
                fast++;
                assertEquals(NumberOutput.toString(value, true), ours, "value " + value + " (" + k + " decimals)");
            }
        }
        assertTrue(fast > 1_500_000, "most generator values take the fast path: " + fast);
    }

    @Test
    void edgesAndOtherDoublesAreLeftToJackson() {
        assertEquals("0.0", format(0.0));
        assertEquals("23.0", format(23.0));
        assertEquals("-0.5", format(-0.5));
        assertEquals("0.001", format(0.001));
        assertEquals("9999999.999999", format(9_999_999.999999));
        for (double other : new double[] {
            -0.0,
            0.0001,
            1e7,
            Math.PI,
            1.0 / 3,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE
        }) {
            assertEquals(null, format(other), "left to Jackson: " + other);
        }
    }
}
