package org.learningloop.reporting.evidence.stats;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.hipparchus.special.Beta;

import java.util.List;

/**
 * The probability that each arm has the highest rate, given the arms' independent Gamma posteriors.
 *
 * <p>Two arms, the common case, are exact: with λi = Gi / bi and Gi ~ Gamma(ai, 1), λ1 &gt; λ2 exactly when
 * G1 / (G1 + G2) &gt; b1 / (b1 + b2), and G1 / (G1 + G2) ~ Beta(a1, a2), so
 * P(λ1 &gt; λ2) = 1 − I_{b1/(b1+b2)}(a1, a2), the regularized incomplete beta function.
 * <p>Three or more arms are Monte Carlo: {@code draws} joint draws from a generator seeded with {@code seed}, so the
 * same posteriors and seed always give the same answer; an arm's share of the draws in which it is the largest.
 * Ties (equal draws) go to the first arm, which has probability zero for continuous posteriors.
 */
public final class ProbabilityOfBest {

    public static final int DEFAULT_DRAWS = 20_000;

    private ProbabilityOfBest() {
    }

    public static double[] of(List<GammaPosterior> arms, int draws, long seed) {
        return switch (arms.size()) {
            case 0 -> new double[0];
            case 1 -> new double[]{1};
            case 2 -> {
                double first = firstBeatsSecond(arms.get(0), arms.get(1));
                yield new double[]{first, 1 - first};
            }
            default -> monteCarlo(arms, draws, RandomDataGenerator.of(new Well19937c(seed)));
        };
    }

    /** P(λ1 &gt; λ2) for independent λ1 ~ {@code first}, λ2 ~ {@code second}; exact. */
    static double firstBeatsSecond(GammaPosterior first, GammaPosterior second) {
        return 1 - Beta.regularizedBeta(first.rate() / (first.rate() + second.rate()), first.shape(), second.shape());
    }

    private static double[] monteCarlo(List<GammaPosterior> arms, int draws, RandomDataGenerator random) {
        double[] wins = new double[arms.size()];
        for (int i = 0; i < draws; i++) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int arm = 0; arm < arms.size(); arm++) {
                double value = arms.get(arm).draw(random);
                if (value > bestValue) {
                    bestValue = value;
                    best = arm;
                }
            }
            wins[best]++;
        }
        for (int arm = 0; arm < wins.length; arm++) {
            wins[arm] /= draws;
        }
        return wins;
    }
}
