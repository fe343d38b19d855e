package org.learningloop.bench;

import java.util.Arrays;

/** Percentiles of measured samples (nearest rank). */
final class Samples {

    private Samples() {
    }

    static double percentile(long[] samples, double percentile) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
