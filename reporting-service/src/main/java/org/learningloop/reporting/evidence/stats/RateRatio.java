package org.learningloop.reporting.evidence.stats;

import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * How many times the leader's rate is the other's, λ1 / λ2, for two independent Gamma posteriors: the ratio of
 * the posterior means and the ratio's central credible interval. The interval is exact: with λi = Gi / bi and
 * Gi ~ Gamma(ai, 1), λ1 / λ2 = (b2 / b1) · U / (1 − U) with U = G1 / (G1 + G2) ~ Beta(a1, a2), increasing in U,
 * so the ratio's quantiles are those of U carried through. Swapping the arms inverts every figure.
 */
public record RateRatio(double estimate, double low, double high, double level) {

    public static RateRatio of(GammaPosterior leader, GammaPosterior other, double level) {
        Interval u = Interval.central(new BetaDistribution(leader.shape(), other.shape(), Interval.QUANTILE_ACCURACY),
                level);
        // 1 − U ~ Beta(a2, a1): its own quantiles keep their precision where U is close to 1
        Interval oneMinusU = Interval.central(new BetaDistribution(other.shape(), leader.shape(),
                Interval.QUANTILE_ACCURACY), level);
        double scale = other.rate() / leader.rate();
        return new RateRatio(leader.mean() / other.mean(), scale * u.low() / oneMinusU.high(),
                scale * u.high() / oneMinusU.low(), level);
    }
}
