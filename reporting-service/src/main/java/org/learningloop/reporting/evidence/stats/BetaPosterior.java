package org.learningloop.reporting.evidence.stats;

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
        double tail = (1 - level) / 2;
        return new Interval(Distributions.betaQuantile(a, b, tail), Distributions.betaQuantile(a, b, 1 - tail), level);
    }
}
