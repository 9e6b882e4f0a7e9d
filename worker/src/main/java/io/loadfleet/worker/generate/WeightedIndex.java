package io.loadfleet.worker.generate;

/** Picks an index with probability proportional to its weight, from one uniform draw. */
final class WeightedIndex {

    private final double[] cumulative;

    WeightedIndex(double... weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException(
                        "weight " + i + " is not a finite non-negative number: " + weights[i]);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
        cumulative[cumulative.length - 1] = 1.0; // no index is lost to rounding of the sum
    }

    /** The index whose share of [0, 1) contains {@code unit}: the first with a cumulative weight above it. */
    int pick(double unit) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > unit) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
