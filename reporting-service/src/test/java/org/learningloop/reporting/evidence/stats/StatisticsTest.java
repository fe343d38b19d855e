package org.learningloop.reporting.evidence.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The evidence statistics against values that can be checked by hand or in any statistics table. */
class StatisticsTest {

    @Test
    void lnGammaAndIncompleteFunctions_matchClosedForms() {
        assertThat(Distributions.lnGamma(5)).isCloseTo(Math.log(24), within(1e-12));
        assertThat(Distributions.lnGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
        assertThat(Distributions.regularizedGammaP(1, 2)).isCloseTo(1 - Math.exp(-2), within(1e-12));
        assertThat(Distributions.regularizedGammaP(3, 10)).isCloseTo(1 - Math.exp(-10) * (1 + 10 + 50), within(1e-12));
        // I_0.5(2, 3) = P(Binomial(4, 0.5) >= 2) = 11/16
        assertThat(Distributions.regularizedBeta(0.5, 2, 3)).isCloseTo(11.0 / 16, within(1e-12));
    }

    @Test
    void quantiles_matchTables() {
        assertThat(Distributions.gammaQuantile(1, 1, 0.5)).isCloseTo(Math.log(2), within(1e-9));
        // chi-square quantiles: χ²(4) 0.95 = 9.487729, χ²(10) 0.05 = 3.940299; Gamma(k/2, rate 1/2) is χ²(k)
        assertThat(Distributions.gammaQuantile(2, 1, 0.95)).isCloseTo(9.487729 / 2, within(1e-6));
        assertThat(Distributions.gammaQuantile(5, 0.5, 0.05)).isCloseTo(3.940299, within(1e-6));
        assertThat(Distributions.betaQuantile(1, 1, 0.3)).isCloseTo(0.3, within(1e-9));
        assertThat(Distributions.betaQuantile(2, 1, 0.25)).isCloseTo(0.5, within(1e-9)); // cdf x²
        assertThat(Distributions.studentTQuantile(0.975, 10)).isCloseTo(2.228139, within(1e-6));
        assertThat(Distributions.studentTQuantile(0.95, 1)).isCloseTo(6.313752, within(1e-6));
        assertThat(Distributions.studentTQuantile(0.05, 2)).isCloseTo(-2.919986, within(1e-6));
        assertThat(Distributions.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(Distributions.normalQuantile(0.9)).isCloseTo(1.281552, within(1e-6));
    }

    @Test
    void gammaPoisson_posteriorIsPriorPlusCountsAndActivities() {
        GammaPosterior posterior = GammaPosterior.withDefaultPrior(10, 20);
        assertThat(posterior.shape()).isEqualTo(20.5);
        assertThat(posterior.rate()).isEqualTo(10.5);
        assertThat(posterior.mean()).isCloseTo(20.5 / 10.5, within(1e-12));
        Interval interval = posterior.credible(0.9);
        assertThat(Distributions.regularizedGammaP(20.5, interval.low() * 10.5)).isCloseTo(0.05, within(1e-9));
        assertThat(Distributions.regularizedGammaP(20.5, interval.high() * 10.5)).isCloseTo(0.95, within(1e-9));
        assertThat(interval.contains(posterior.mean())).isTrue();
        // few activities: a wide interval; many: a narrow one around the same rate
        assertThat(width(GammaPosterior.withDefaultPrior(3, 6).credible(0.9)))
                .isGreaterThan(3 * width(GammaPosterior.withDefaultPrior(300, 600).credible(0.9)));
    }

    @Test
    void betaBinomial_uniformPrior() {
        BetaPosterior posterior = BetaPosterior.of(7, 10);
        assertThat(posterior.a()).isEqualTo(8);
        assertThat(posterior.b()).isEqualTo(4);
        assertThat(posterior.mean()).isCloseTo(2.0 / 3, within(1e-12));
        Interval interval = BetaPosterior.of(0, 0).credible(0.9);
        assertThat(interval.low()).isCloseTo(0.05, within(1e-9));
        assertThat(interval.high()).isCloseTo(0.95, within(1e-9));
    }

    @Test
    void gammaDraws_haveTheRightMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(7);
        for (double shape : new double[]{0.5, 3}) {
            double sum = 0;
            double squares = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                double x = Sampling.gamma(shape, random);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n;
            assertThat(mean).isCloseTo(shape, within(0.05 * Math.max(1, shape)));
            assertThat(squares / n - mean * mean).isCloseTo(shape, within(0.1 * Math.max(1, shape)));
        }
    }

    @Test
    void probabilityOfBest_isDeterministicWithASeed_andSeparatesClearArms() {
        List<GammaPosterior> same = List.of(GammaPosterior.withDefaultPrior(20, 20), GammaPosterior.withDefaultPrior(20, 20));
        double[] even = ProbabilityOfBest.of(same, 20_000, new SplittableRandom(1));
        assertThat(even[0]).isCloseTo(0.5, within(0.02));
        assertThat(even[0] + even[1]).isCloseTo(1, within(1e-12));
        assertThat(ProbabilityOfBest.of(same, 20_000, new SplittableRandom(1))).containsExactly(even);

        double[] clear = ProbabilityOfBest.of(List.of(GammaPosterior.withDefaultPrior(40, 24),
                GammaPosterior.withDefaultPrior(40, 80)), 20_000, new SplittableRandom(1));
        assertThat(clear[1]).isGreaterThan(0.999);
        // three arms without data: about 1/3 each
        double[] none = ProbabilityOfBest.of(List.of(GammaPosterior.withDefaultPrior(0, 0),
                GammaPosterior.withDefaultPrior(0, 0), GammaPosterior.withDefaultPrior(0, 0)), 20_000, new SplittableRandom(3));
        assertThat(none).containsExactly(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}, within(0.02));
    }

    @Test
    void thompsonShares_followProbabilityOfBest_withAFloorForExploration() {
        assertThat(ThompsonAllocation.shares(new double[]{0.98, 0.02}, 0.1)).containsExactly(new double[]{0.9, 0.1}, within(1e-12));
        assertThat(ThompsonAllocation.shares(new double[]{0.5, 0.5}, 0.1)).containsExactly(new double[]{0.5, 0.5}, within(1e-12));
        assertThat(ThompsonAllocation.shares(new double[]{0.7, 0.3, 0.0}, 0.1))
                .containsExactly(new double[]{0.63, 0.27, 0.1}, within(1e-12));
        assertThat(ThompsonAllocation.shares(new double[]{1.0}, 0.1)).containsExactly(1.0);
    }

    @Test
    void linearFit_slopeAndTInterval_byHand() {
        // x 1..4, y 1 3 2 4: slope 4/5, intercept 0.5, RSS 1.8, se √(1.8/2/5); t(0.95, 2) = 2.919986
        LinearFit fit = LinearFit.of(new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 4}, 0.9);
        assertThat(fit.slope()).isCloseTo(0.8, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(0.5, within(1e-12));
        assertThat(fit.slopeStandardError()).isCloseTo(Math.sqrt(0.18), within(1e-12));
        assertThat(fit.slopeInterval().low()).isCloseTo(0.8 - 2.919986 * Math.sqrt(0.18), within(1e-5));
        assertThat(fit.slopeInterval().high()).isCloseTo(0.8 + 2.919986 * Math.sqrt(0.18), within(1e-5));
        assertThat(fit.slopeInterval().contains(0)).isTrue();
        assertThat(LinearFit.of(new double[]{1, 2}, new double[]{1, 3}, 0.9).slopeInterval()).isNull();
    }

    @Test
    void pearson_byHand() {
        assertThat(Correlation.pearson(new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 4})).isCloseTo(0.8, within(1e-12));
        assertThat(Correlation.pearson(new double[]{1, 2, 3}, new double[]{3, 2, 1})).isCloseTo(-1, within(1e-12));
        assertThat(Correlation.pearson(new double[]{1, 2}, new double[]{1, 2})).isNaN();
    }

    @Test
    void evidenceNeeded_normalApproximation_byHand() {
        // means 2 and 1 after 2 activities each; Φ⁻¹(0.9) = 1.2816: 1/√(3/n) ≥ 1.2816 ⇔ n ≥ 4.93 ⇒ 5, i.e. 3 more
        assertThat(EvidenceNeeded.additionalPerArm(2, 2, 1, 2, 0.9)).hasValue(3);
        assertThat(EvidenceNeeded.additionalPerArm(2, 200, 1, 200, 0.9)).hasValue(0);
        assertThat(EvidenceNeeded.additionalPerArm(1, 5, 1, 5, 0.9)).isEmpty();
    }

    private static double width(Interval interval) {
        return interval.high() - interval.low();
    }
}
