package org.learningloop.reporting.evidence.stats;

import org.hipparchus.distribution.continuous.FDistribution;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The evidence statistics against values that can be checked by hand or in any statistics table. */
class StatisticsTest {

    @Test
    void credibleIntervals_matchTables() {
        // Gamma(1, 1) is Exp(1): median ln 2
        assertThat(new GammaPosterior(1, 1).credible(0).low()).isCloseTo(Math.log(2), within(1e-9));
        // chi-square quantiles: χ²(4) 0.95 = 9.487729, χ²(10) 0.05 = 3.940299; Gamma(k/2, rate 1/2) is χ²(k)
        assertThat(new GammaPosterior(2, 1).credible(0.9).high()).isCloseTo(9.487729 / 2, within(1e-6));
        assertThat(new GammaPosterior(5, 0.5).credible(0.9).low()).isCloseTo(3.940299, within(1e-6));
        assertThat(new BetaPosterior(1, 1).credible(0.4).low()).isCloseTo(0.3, within(1e-9));
        assertThat(new BetaPosterior(2, 1).credible(0.5).low()).isCloseTo(0.5, within(1e-9)); // cdf x²
    }

    @Test
    void gammaPoisson_posteriorIsPriorPlusCountsAndActivities() {
        GammaPosterior posterior = GammaPosterior.withDefaultPrior(10, 20);
        assertThat(posterior.shape()).isEqualTo(20.5);
        assertThat(posterior.rate()).isEqualTo(10.5);
        assertThat(posterior.mean()).isCloseTo(20.5 / 10.5, within(1e-12));
        Interval interval = posterior.credible(0.9);
        assertThat(Gamma.regularizedGammaP(20.5, interval.low() * 10.5)).isCloseTo(0.05, within(1e-9));
        assertThat(Gamma.regularizedGammaP(20.5, interval.high() * 10.5)).isCloseTo(0.95, within(1e-9));
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
    void gammaDraws_haveThePosteriorsMeanAndVariance() {
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(7L));
        for (double shape : new double[]{0.5, 3}) {
            GammaPosterior posterior = new GammaPosterior(shape, 2);
            double sum = 0;
            double squares = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                double x = posterior.draw(random);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n;
            assertThat(mean).isCloseTo(shape / 2, within(0.05 * Math.max(1, shape) / 2));
            assertThat(squares / n - mean * mean).isCloseTo(shape / 4, within(0.1 * Math.max(1, shape) / 4));
        }
    }

    @Test
    void probabilityOfBest_isDeterministicWithASeed_andSeparatesClearArms() {
        List<GammaPosterior> same = List.of(GammaPosterior.withDefaultPrior(20, 20), GammaPosterior.withDefaultPrior(20, 20));
        double[] even = ProbabilityOfBest.of(same, 20_000, 1);
        assertThat(even[0]).isCloseTo(0.5, within(0.02));
        assertThat(even[0] + even[1]).isCloseTo(1, within(1e-12));
        assertThat(ProbabilityOfBest.of(same, 20_000, 1)).containsExactly(even);

        double[] clear = ProbabilityOfBest.of(List.of(GammaPosterior.withDefaultPrior(40, 24),
                GammaPosterior.withDefaultPrior(40, 80)), 20_000, 1);
        assertThat(clear[1]).isGreaterThan(0.999);
        // three arms without data: about 1/3 each
        List<GammaPosterior> three = List.of(GammaPosterior.withDefaultPrior(0, 0), GammaPosterior.withDefaultPrior(0, 0),
                GammaPosterior.withDefaultPrior(0, 0));
        double[] none = ProbabilityOfBest.of(three, 20_000, 3);
        assertThat(none).containsExactly(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}, within(0.02));
        assertThat(ProbabilityOfBest.of(three, 20_000, 3)).containsExactly(none);
        assertThat(ProbabilityOfBest.of(three, 20_000, 4)).isNotEqualTo(none);
    }

    @Test
    void probabilityOfBest_twoArms_isExact() {
        // equal posteriors: a coin toss, exactly
        assertThat(ProbabilityOfBest.of(List.of(new GammaPosterior(20.5, 20.5), new GammaPosterior(20.5, 20.5)), 0, 0))
                .containsExactly(new double[]{0.5, 0.5}, within(1e-12));
        // shape 1 is exponential: P(Exp(rate 1) > Exp(rate 3)) = 3 / (1 + 3)
        assertThat(ProbabilityOfBest.firstBeatsSecond(new GammaPosterior(1, 1), new GammaPosterior(1, 3)))
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void probabilityOfBest_twoArmsExact_agreesWithALargeMonteCarlo() {
        GammaPosterior first = GammaPosterior.withDefaultPrior(12, 20);
        GammaPosterior second = GammaPosterior.withDefaultPrior(15, 18);
        double exact = ProbabilityOfBest.firstBeatsSecond(first, second);
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(11L));
        int draws = 400_000;
        int wins = 0;
        for (int i = 0; i < draws; i++) {
            wins += first.draw(random) > second.draw(random) ? 1 : 0;
        }
        // Monte Carlo standard error √(p(1 − p) / n) ≈ 0.0008: five of them
        assertThat(exact).isBetween(0.6, 0.9).isCloseTo((double) wins / draws, within(0.004));
        // the three-arm path with a third arm that never wins must agree with the exact two-arm answer
        double[] three = ProbabilityOfBest.of(List.of(first, second, GammaPosterior.withDefaultPrior(1_000, 0)),
                100_000, 5);
        assertThat(three[2]).isZero();
        assertThat(three[0]).isCloseTo(exact, within(0.007));
    }

    @Test
    void rateRatio_uniformCase_byHand() {
        // Gamma(1, 1) twice: U ~ Uniform(0, 1), the ratio U / (1 − U) has cdf r / (1 + r): 90 % between 1/19 and 19
        RateRatio ratio = RateRatio.of(new GammaPosterior(1, 1), new GammaPosterior(1, 1), 0.9);
        assertThat(ratio.estimate()).isEqualTo(1);
        assertThat(ratio.low()).isCloseTo(1.0 / 19, within(1e-12));
        assertThat(ratio.high()).isCloseTo(19, within(1e-9));
        assertThat(ratio.level()).isEqualTo(0.9);
    }

    @Test
    void rateRatio_swappingTheArms_invertsEveryFigure() {
        GammaPosterior leader = GammaPosterior.withDefaultPrior(30, 60);
        GammaPosterior other = GammaPosterior.withDefaultPrior(25, 15);
        RateRatio ratio = RateRatio.of(leader, other, 0.9);
        RateRatio inverse = RateRatio.of(other, leader, 0.9);
        assertThat(ratio.estimate()).isCloseTo((60.5 / 30.5) / (15.5 / 25.5), within(1e-12));
        assertThat(inverse.estimate()).isCloseTo(1 / ratio.estimate(), within(1e-12));
        assertThat(inverse.low()).isCloseTo(1 / ratio.high(), within(1e-12));
        assertThat(inverse.high()).isCloseTo(1 / ratio.low(), within(1e-12));
        assertThat(ratio.low()).isLessThan(ratio.estimate());
        assertThat(ratio.high()).isGreaterThan(ratio.estimate());
    }

    @Test
    void rateRatio_intervalHoldsItsLevelOfAMonteCarloOfTheRatio() {
        GammaPosterior leader = GammaPosterior.withDefaultPrior(8, 14);
        GammaPosterior other = GammaPosterior.withDefaultPrior(40, 30);
        RateRatio ratio = RateRatio.of(leader, other, 0.9);
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(13L));
        int draws = 200_000;
        int below = 0;
        int above = 0;
        for (int i = 0; i < draws; i++) {
            double r = leader.draw(random) / other.draw(random);
            below += r < ratio.low() ? 1 : 0;
            above += r > ratio.high() ? 1 : 0;
        }
        // each tail should hold 5 %; Monte Carlo standard error √(0.05 · 0.95 / n) ≈ 0.0005
        assertThat((double) below / draws).isCloseTo(0.05, within(0.003));
        assertThat((double) above / draws).isCloseTo(0.05, within(0.003));
    }

    @Test
    void rateRatio_keepsItsPrecisionForALeaderFarAhead_asTheFDistributionSays() {
        // U ~ Beta(2000.5, 0.5) sits next to 1, where 1 − U would lose its digits; an independent check:
        // (G1 / a1) / (G2 / a2) ~ F(2·a1, 2·a2), so λ1 / λ2 = (a1·b2) / (a2·b1) · F
        GammaPosterior leader = GammaPosterior.withDefaultPrior(100, 2000);
        GammaPosterior other = GammaPosterior.withDefaultPrior(100, 0);
        RateRatio ratio = RateRatio.of(leader, other, 0.9);
        FDistribution f = new FDistribution(2 * leader.shape(), 2 * other.shape(), 1e-300);
        double scale = leader.shape() * other.rate() / (other.shape() * leader.rate());
        assertThat(ratio.low()).isCloseTo(scale * f.inverseCumulativeProbability(0.05), within(1e-9 * ratio.low()));
        assertThat(ratio.high()).isCloseTo(scale * f.inverseCumulativeProbability(0.95), within(1e-9 * ratio.high()));
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
    void linearFit_withoutALine_isNaNAndHasNoInterval() {
        LinearFit constantX = LinearFit.of(new double[]{2, 2, 2}, new double[]{1, 3, 2}, 0.9);
        assertThat(constantX.slope()).isNaN();
        assertThat(constantX.intercept()).isNaN();
        assertThat(constantX.slopeInterval()).isNull();
        assertThat(LinearFit.of(new double[]{1}, new double[]{1}, 0.9).slope()).isNaN();
        assertThat(LinearFit.of(new double[0], new double[0], 0.9).slopeInterval()).isNull();
        LinearFit two = LinearFit.of(new double[]{1, 2}, new double[]{1, 3}, 0.9);
        assertThat(two.slope()).isCloseTo(2, within(1e-12));
        assertThat(two.slopeStandardError()).isNaN();
    }

    @Test
    void pearson_byHand() {
        assertThat(Correlation.pearson(new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 4})).isCloseTo(0.8, within(1e-12));
        assertThat(Correlation.pearson(new double[]{1, 2, 3}, new double[]{3, 2, 1})).isCloseTo(-1, within(1e-12));
        assertThat(Correlation.pearson(new double[]{1, 2}, new double[]{1, 2})).isNaN();
        assertThat(Correlation.pearson(new double[]{1, 1, 1}, new double[]{1, 2, 3})).isNaN();
        assertThat(Correlation.pearson(new double[]{1, 2, 3}, new double[]{2, 2, 2})).isNaN();
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
