package org.learningloop.reporting.evidence.stats;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Monte Carlo probability that each arm has the highest rate: {@code draws} joint draws from the arms'
 * independent posteriors; an arm's share of the draws in which it is the largest. Ties (equal draws) go to the
 * first arm, which has probability zero for continuous posteriors.
 */
public final class ProbabilityOfBest {

    public static final int DEFAULT_DRAWS = 20_000;

    private ProbabilityOfBest() {
    }

    public static double[] of(List<GammaPosterior> arms, int draws, SplittableRandom random) {
        double[] wins = new double[arms.size()];
        if (arms.isEmpty()) {
            return wins;
        }
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
