package org.learningloop.reporting.evidence.stats;

import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * The posterior of a rate (intention reached) under a uniform Beta(1, 1) prior after {@code n} trials with
 * {@code successes} successes: Beta(1 + successes, 1 + n − successes). Successes may be fractional: an
 * activity whose intention was reached {@code partly} counts as half a success.
 */
public record BetaPosterior(double a, double b) {

    public static BetaPosterior of(double successes, double trials) {
        if (successes < 0 || trials < successes) {
            throw new IllegalArgumentException("need 0 <= successes <= trials");
        }
        return new BetaPosterior(1 + successes, 1 + trials - successes);
    }

    public double mean() {
        return a / (a + b);
    }

    public Interval credible(double level) {
        return Interval.central(new BetaDistribution(a, b, Interval.QUANTILE_ACCURACY), level);
    }
}
