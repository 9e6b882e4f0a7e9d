package io.loadfleet.worker.encode;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Formats the doubles the generators produce (readings rounded to at most 6 decimals, as a device
 * reports them) as ASCII, exactly as Jackson's (shortest round-trip) double writer prints them,
 * without its per-number String: Jackson's writer was the largest share of JSON encoding's
 * allocations (JFR). One scaling to micro-units and a check that it is exact replaces trying each
 * decimal count in turn, the whole part is written by Jackson's table-driven integer writer and the
 * decimals in int arithmetic, so a record allocates far less and encodes faster (BENCHMARKS.md).
 * Other doubles are left to the caller.
 */
final class ShortDecimals {
    private static final int MAX_DECIMALS = 6;
    private static final int MICROS = 1_000_000;
    private static final double SCALE = MICROS;
    /** Plain notation (not 1.0E7 or 1.0E-4) is what Double.toString and Jackson use in [1e-3, 1e7). */
    private static final double PLAIN_MIN = 1e-3;

    private static final double PLAIN_MAX = 1e7;
    /** The longest text: a sign, 7 integer digits, the point and 6 decimals. */
    static final int MAX_LENGTH = 15;

    private ShortDecimals() {}

    /**
     * Writes {@code value} at {@code out[at]} when it is a decimal of at most 6 places in plain range.
     *
     * @return the length written, or -1 when the caller must format it
     */
    static int format(double value, byte[] out, int at) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= PLAIN_MIN && magnitude < PLAIN_MAX)) {
            if (value == 0 && 1 / value > 0) {
                out[at] = '0';
                out[at + 1] = '.';
                out[at + 2] = '0';
                return 3;
            }
            return -1;
        }
        long micros = Math.round(magnitude * SCALE);
        // The value is this decimal exactly when dividing back gives the same double (the generators round so);
        // then its fewest decimals are the micro-units' fraction without its trailing zeros.
        if (micros / SCALE != magnitude) {
            return -1;
        }
        int whole = (int) (micros / MICROS);
        int fraction = (int) (micros - whole * (long) MICROS);
        int end = at;
        if (value < 0) {
            out[end++] = '-';
        }
        end = NumberOutput.outputInt(whole, out, end);
        out[end++] = '.';
        if (fraction == 0) {
            out[end++] = '0';
            return end - at;
        }
        int decimals = MAX_DECIMALS;
        while (fraction % 10 == 0) {
            fraction /= 10;
            decimals--;
        }
        // int digits, least significant first
        for (int i = end + decimals - 1; i >= end; i--) {
            out[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return end + decimals - at;
    }
}
