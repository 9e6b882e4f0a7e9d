package io.loadfleet.worker.generate;

/**
 * The average demand of a household through the day: low at night, a morning peak around 07:00
 * and the evening peak around 19:00, linearly interpolated between the hours.
 */
final class ResidentialLoadCurve {

    /** Mean demand in kW at each whole hour 00:00..23:00, shaped like published residential load profiles. */
    private static final double[] KILOWATTS = {
        0.35, 0.30, 0.28, 0.27, 0.28, 0.33, 0.50, 0.75, 0.70, 0.55, 0.50, 0.48,
        0.50, 0.48, 0.47, 0.50, 0.60, 0.85, 1.05, 1.10, 1.00, 0.85, 0.65, 0.45,
    };

    private ResidentialLoadCurve() {}

    /** Mean demand in kW at fractional hour {@code hour} in [0, 24). */
    static double kilowatts(double hour) {
        int from = (int) hour;
        int to = (from + 1) % KILOWATTS.length;
        double fraction = hour - from;
        return KILOWATTS[from] + (KILOWATTS[to] - KILOWATTS[from]) * fraction;
    }
}
