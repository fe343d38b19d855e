package org.learningloop.bench.micro;

import org.learningloop.reporting.evidence.stats.BetaPosterior;
import org.learningloop.reporting.evidence.stats.GammaPosterior;
import org.learningloop.reporting.evidence.stats.Interval;
import org.learningloop.reporting.evidence.stats.LinearFit;
import org.learningloop.reporting.evidence.stats.ProbabilityOfBest;
import org.learningloop.reporting.evidence.stats.RateRatio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The statistics behind the evidence reports, one design comparison each (the demo's shapes): which of two or three
 * designs recruits best (exact for two, Monte Carlo over {@link ProbabilityOfBest#DEFAULT_DRAWS} draws for three),
 * the rate ratio's interval, a quality rate's interval and a lead-to-lag fit over a year of months.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvidenceBenchmark {

    private final GammaPosterior a = GammaPosterior.withDefaultPrior(24, 43);
    private final GammaPosterior b = GammaPosterior.withDefaultPrior(22, 14);
    private final GammaPosterior c = GammaPosterior.withDefaultPrior(3, 3);
    private final double[] visits = {12, 15, 9, 20, 18, 22, 16, 19, 21, 17, 14, 23};
    private final double[] members = {14, 18, 11, 25, 20, 27, 18, 22, 26, 20, 15, 28};

    @Benchmark
    public double[] probabilityOfBestTwoDesigns() {
        return ProbabilityOfBest.of(List.of(a, b), ProbabilityOfBest.DEFAULT_DRAWS, 42);
    }

    @Benchmark
    public double[] probabilityOfBestThreeDesigns() {
        return ProbabilityOfBest.of(List.of(a, b, c), ProbabilityOfBest.DEFAULT_DRAWS, 42);
    }

    @Benchmark
    public RateRatio rateRatio() {
        return RateRatio.of(a, b, 0.9);
    }

    @Benchmark
    public Interval qualityInterval() {
        return BetaPosterior.of(31, 40).credible(0.9);
    }

    @Benchmark
    public LinearFit leadToLagFit() {
        return LinearFit.of(visits, members, 0.9);
    }
}
