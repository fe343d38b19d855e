package org.learningloop.reporting.evidence.stats;

import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.random.RandomDataGenerator;

/**
 * The posterior of a Poisson rate λ (outcome count per activity) under a Gamma(α0, β0) prior after {@code n}
 * activities with {@code total} outcomes: Gamma(α0 + total, β0 + n) (shape, rate).
 */
public record GammaPosterior(double shape, double rate) {

    /**
     * The default prior Gamma(0.5, 0.5): mean 1 outcome per activity, worth half an activity of data, so a
     * handful of activities dominates it while a design with no activities yet is not a zero.
     */
    public static final double PRIOR_SHAPE = 0.5;
    public static final double PRIOR_RATE = 0.5;

    public static GammaPosterior of(double priorShape, double priorRate, long activities, long total) {
        if (activities < 0 || total < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return new GammaPosterior(priorShape + total, priorRate + activities);
    }

    public static GammaPosterior withDefaultPrior(long activities, long total) {
        return of(PRIOR_SHAPE, PRIOR_RATE, activities, total);
    }

    public double mean() {
        return shape / rate;
    }

    public double sd() {
        return Math.sqrt(shape) / rate;
    }

    /** The central credible interval holding {@code level} of the posterior probability. */
    public Interval credible(double level) {
        return Interval.central(new GammaDistribution(shape, 1 / rate, Interval.QUANTILE_ACCURACY), level);
    }

    /** A draw from the posterior; the library's Gamma takes a scale, the reciprocal of the rate. */
    public double draw(RandomDataGenerator random) {
        return random.nextGamma(shape, 1 / rate);
    }
}
