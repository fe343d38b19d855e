package org.learningloop.reporting.evidence.stats;

import org.hipparchus.distribution.RealDistribution;

/** A central interval: {@code level} of the probability (credible) or coverage (confidence) between low and high. */
public record Interval(double low, double high, double level) {

    /**
     * Absolute accuracy asked of the library's quantile solver: effectively none, so that its relative accuracy
     * (1e-14) decides. The default absolute 1e-9 would cost a small quantile its precision: the 5 % quantile of
     * Beta(0.5, 10 000) is about 2e-7, and a rate ratio divides by such numbers.
     */
    static final double QUANTILE_ACCURACY = 1e-300;

    /** The central interval holding {@code level} of the distribution's probability. */
    public static Interval central(RealDistribution distribution, double level) {
        double tail = (1 - level) / 2;
        return new Interval(distribution.inverseCumulativeProbability(tail),
                distribution.inverseCumulativeProbability(1 - tail), level);
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
