package io.loadfleet.worker.generate;

/** Rounding to the few decimals a real device or ledger would report. */
final class Decimals {

    private Decimals() {}

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static double round6(double value) {
        return Math.round(value * 1_000_000) / 1_000_000.0;
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
