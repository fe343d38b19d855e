package org.learningloop.reporting.evidence.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.OptionalLong;

/**
 * How many more activities of each of the two leading arms would make the leader's probability of being best
 * reach {@code threshold}, if their posterior means stayed where they are. Normal approximation to the
 * difference of two Poisson rates: P(best) ≈ Φ((m1 − m2) / √(m1/n1 + m2/n2)); the smallest x with
 * Φ((m1 − m2) / √(m1/(n1+x) + m2/(n2+x))) ≥ threshold. Empty when the means are equal (no number of activities
 * would separate them) or more than {@link #CAP} would be needed.
 */
public final class EvidenceNeeded {

    public static final long CAP = 100_000;

    private EvidenceNeeded() {
    }

    public static OptionalLong additionalPerArm(double leaderMean, long leaderActivities, double runnerUpMean,
                                                long runnerUpActivities, double threshold) {
        double difference = leaderMean - runnerUpMean;
        if (!(difference > 0)) {
            return OptionalLong.empty();
        }
        double z = new NormalDistribution().inverseCumulativeProbability(threshold);
        if (reached(difference, z, leaderMean, leaderActivities, runnerUpMean, runnerUpActivities, 0)) {
            return OptionalLong.of(0);
        }
        long hi = 1;
        while (!reached(difference, z, leaderMean, leaderActivities, runnerUpMean, runnerUpActivities, hi)) {
            hi *= 2;
            if (hi > CAP) {
                return OptionalLong.empty();
            }
        }
        long lo = hi / 2;
        while (hi - lo > 1) {
            long mid = (lo + hi) / 2;
            if (reached(difference, z, leaderMean, leaderActivities, runnerUpMean, runnerUpActivities, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return OptionalLong.of(hi);
    }

    private static boolean reached(double difference, double z, double m1, long n1, double m2, long n2, long more) {
        double variance = m1 / (n1 + more) + m2 / (n2 + more);
        return difference / Math.sqrt(variance) >= z;
    }
}
