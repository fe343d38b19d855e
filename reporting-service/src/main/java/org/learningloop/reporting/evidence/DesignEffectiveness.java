package org.learningloop.reporting.evidence;

import org.learningloop.contracts.Periods;
import org.learningloop.reporting.evidence.stats.BetaPosterior;
import org.learningloop.reporting.evidence.stats.GammaPosterior;
import org.learningloop.reporting.evidence.stats.Interval;
import org.learningloop.reporting.evidence.stats.LinearFit;
import org.learningloop.reporting.evidence.stats.ProbabilityOfBest;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Design effectiveness: per design version × segment (an "arm"), the outcome per activity (Gamma–Poisson), the
 * intention-reached rate (Beta–Binomial, partly = half), mean quality per dimension by monthly loop period with
 * its trend, and the probability that the arm is the best of its activity type × segment. Pure computation.
 */
public final class DesignEffectiveness {

    /** The quality dimensions of {@code activity.evaluated}, in their contract order. */
    public static final List<String> DIMENSIONS = List.of("intention", "frames", "content", "presence", "focus",
            "flexibility");
    private static final Map<String, ToIntFunction<ActivityFact>> SCORE = Map.of(
            "intention", a -> a.quality().intention(), "frames", a -> a.quality().frames(),
            "content", a -> a.quality().content(), "presence", a -> a.quality().presence(),
            "focus", a -> a.quality().focus(), "flexibility", a -> a.quality().flexibility());

    private DesignEffectiveness() {
    }

    /** An arm: one design version used for one activity type in one segment. */
    public record ArmKey(String activityType, String segment, UUID designId, int designVersion) {
    }

    /** A posterior summary: observed mean, posterior mean and central credible interval. */
    public record Estimate(double observed, double posteriorMean, double low, double high, double level) {
    }

    /** Intention reached: counts and the rate's posterior (partly = half a success). */
    public record IntentionRate(int yes, int partly, int no, double rate, double low, double high, double level) {
    }

    /** Mean quality of one monthly loop period. */
    public record PeriodQuality(String period, int evaluated, Map<String, Double> meanQuality, double overall) {
    }

    /**
     * One arm's evidence.
     *
     * @param dispersion Pearson's dispersion of its outcome counts (about 1 for Poisson counts); the posterior is
     *                   widened by it when above 1; {@code null} below 2 activities
     */
    public record Arm(String activityType, String segment, UUID designId, int designVersion, String designName,
                      int activities, String outcome, long outcomeTotal, Estimate outcomePerActivity,
                      IntentionRate intentionReached, int evaluated, Map<String, Double> meanQuality,
                      List<PeriodQuality> qualityByPeriod, Map<String, Double> qualityTrendPerPeriod,
                      double probabilityBest, GammaPosterior posterior, Double dispersion) {
    }

    /** What an arm is: each design version on its own, or a design with all its versions together. */
    public enum Granularity { VERSION, DESIGN }

    /** Arms of the given activities, one per design version, grouped by activity type × segment, with P(best) within each group. */
    public static List<Arm> arms(List<ActivityFact> activities, String outcome, Map<UUID, String> designNames,
                                 Thresholds thresholds, ZoneId zone) {
        return arms(activities, outcome, designNames, thresholds, zone, Granularity.VERSION);
    }

    /**
     * Arms of the given activities, grouped by activity type × segment, with P(best) within each group. With
     * {@link Granularity#DESIGN} an arm is a design over all its versions (a revision refines a design rather
     * than replacing it), and its {@code designVersion} is the latest version seen: the one to use next.
     */
    public static List<Arm> arms(List<ActivityFact> activities, String outcome, Map<UUID, String> designNames,
                                 Thresholds thresholds, ZoneId zone, Granularity granularity) {
        List<ActivityFact> usable = activities.stream()
                .filter(a -> a.designId() != null && a.designVersion() != null && a.segment() != null
                        && a.activityType() != null).toList();
        Map<UUID, Integer> latest = new LinkedHashMap<>();
        usable.forEach(a -> latest.merge(a.designId(), a.designVersion(), Math::max));
        Map<ArmKey, List<ActivityFact>> byArm = usable.stream()
                .collect(Collectors.groupingBy(a -> new ArmKey(a.activityType(), a.segment(), a.designId(),
                                granularity == Granularity.VERSION ? a.designVersion() : latest.get(a.designId())),
                        LinkedHashMap::new, Collectors.toList()));
        Map<String, List<ArmKey>> groups = new TreeMap<>();
        byArm.keySet().stream().sorted(Comparator.comparing(ArmKey::activityType).thenComparing(ArmKey::segment)
                        .thenComparing(k -> k.designId().toString()).thenComparingInt(ArmKey::designVersion))
                .forEach(key -> groups.computeIfAbsent(key.activityType() + "\u0000" + key.segment(),
                        g -> new ArrayList<>()).add(key));
        List<Arm> result = new ArrayList<>();
        for (List<ArmKey> group : groups.values()) {
            double meanSize = group.stream().flatMap(key -> byArm.get(key).stream())
                    .filter(a -> a.employees() != null && a.employees() > 0).mapToInt(ActivityFact::employees)
                    .average().orElse(0);
            Exposure exposure = new Exposure(thresholds.exposure(), meanSize);
            List<GammaPosterior> posteriors = group.stream()
                    .map(key -> posterior(byArm.get(key), outcome, thresholds, exposure)).toList();
            // exact for two arms; seeded draws for more: the same data gives the same answer
            double[] best = ProbabilityOfBest.of(posteriors, thresholds.draws(), thresholds.seed());
            for (int i = 0; i < group.size(); i++) {
                ArmKey key = group.get(i);
                result.add(arm(key, byArm.get(key), outcome, posteriors.get(i), best[i],
                        designNames.get(key.designId()), thresholds, zone, exposure));
            }
        }
        return result;
    }

    /**
     * How much of an outcome an activity could bring: 1 for every visit, or with {@code employees} its
     * workplace's size over the mean size of the segment's activities (1 when its size or the mean is unknown),
     * so a rate stays "per activity", at an average workplace of the segment.
     */
    record Exposure(EvidenceConfig.Exposure kind, double meanSize) {

        double of(ActivityFact activity) {
            return kind == EvidenceConfig.Exposure.EMPLOYEES && meanSize > 0 && activity.employees() != null
                    && activity.employees() > 0 ? activity.employees() / meanSize : 1;
        }

        double total(List<ActivityFact> facts) {
            return facts.stream().mapToDouble(this::of).sum();
        }
    }

    /**
     * The arm's Gamma posterior Gamma(α0 + Σy, β0 + Σe) over its activities' exposures e, widened when its counts
     * vary more than Poisson counts would: with Pearson's dispersion φ &gt; 1 the data count as {@code Σe / φ} with
     * {@code Σy / φ} outcomes (quasi-Poisson), which keeps the posterior mean near the observed rate and
     * multiplies the data's variance by φ, as a Gamma–Poisson (negative binomial) mixture of heterogeneous
     * workplaces would. φ ≤ 1 leaves it as it is.
     */
    static GammaPosterior posterior(List<ActivityFact> facts, String outcome, Thresholds thresholds,
                                    Exposure exposure) {
        long total = facts.stream().mapToLong(a -> a.outcome(outcome)).sum();
        Double dispersion = dispersion(facts, outcome, exposure);
        double widening = dispersion == null ? 1 : Math.max(1, dispersion);
        return new GammaPosterior(thresholds.priorShape() + total / widening,
                thresholds.priorRate() + exposure.total(facts) / widening);
    }

    /**
     * Pearson's dispersion statistic of the outcome counts against their expected values r·e (r = Σy / Σe),
     * Σ(y − r·e)² / (r·e) / (n − 1): about 1 for Poisson counts, above 1 when they vary more (overdispersion);
     * {@code null} below 2 activities or with no outcomes.
     */
    static Double dispersion(List<ActivityFact> facts, String outcome, Exposure exposure) {
        int n = facts.size();
        double rate = facts.stream().mapToLong(a -> a.outcome(outcome)).sum() / exposure.total(facts);
        if (n < 2 || !(rate > 0)) {
            return null;
        }
        double sum = 0;
        for (ActivityFact a : facts) {
            double expected = rate * exposure.of(a);
            sum += (a.outcome(outcome) - expected) * (a.outcome(outcome) - expected) / expected;
        }
        return sum / (n - 1);
    }

    private static Arm arm(ArmKey key, List<ActivityFact> facts, String outcome, GammaPosterior posterior,
                           double probabilityBest, String designName, Thresholds thresholds, ZoneId zone,
                           Exposure exposure) {
        double level = thresholds.intervalLevel();
        long total = facts.stream().mapToLong(a -> a.outcome(outcome)).sum();
        Interval outcomeInterval = posterior.credible(level);
        Double dispersion = dispersion(facts, outcome, exposure);
        Estimate perActivity = new Estimate(total / exposure.total(facts), posterior.mean(), outcomeInterval.low(),
                outcomeInterval.high(), level);
        List<ActivityFact> withIntention = facts.stream().filter(a -> a.intentionReached() != null).toList();
        BetaPosterior rate = BetaPosterior.of(withIntention.stream().mapToDouble(ActivityFact::intentionSuccess).sum(),
                withIntention.size());
        Interval rateInterval = rate.credible(level);
        IntentionRate intention = new IntentionRate(count(facts, "yes"), count(facts, "partly"), count(facts, "no"),
                rate.mean(), rateInterval.low(), rateInterval.high(), level);
        List<ActivityFact> evaluated = facts.stream().filter(a -> a.quality() != null).toList();
        Map<String, List<ActivityFact>> byPeriod = evaluated.stream()
                .filter(a -> a.carriedOutAt() != null)
                .collect(Collectors.groupingBy(a -> Periods.month(a.carriedOutAt(), zone), TreeMap::new,
                        Collectors.toList()));
        List<PeriodQuality> periods = byPeriod.entrySet().stream()
                .map(e -> new PeriodQuality(e.getKey(), e.getValue().size(), meanQuality(e.getValue()),
                        overall(e.getValue()))).toList();
        return new Arm(key.activityType(), key.segment(), key.designId(), key.designVersion(), designName,
                facts.size(), outcome, total, perActivity, intention, evaluated.size(),
                evaluated.isEmpty() ? null : meanQuality(evaluated), periods, trend(periods), probabilityBest,
                posterior, dispersion == null ? null : round(dispersion));
    }

    /** Slope of the period means per period (months), per dimension and {@code overall}; {@code null} below 2 periods. */
    static Map<String, Double> trend(List<PeriodQuality> periods) {
        if (periods.size() < 2) {
            return null;
        }
        double[] x = periods.stream().mapToDouble(p -> Periods.index(p.period())).toArray();
        Map<String, Double> slopes = new LinkedHashMap<>();
        for (String dimension : DIMENSIONS) {
            slopes.put(dimension, round(LinearFit.of(x, periods.stream().mapToDouble(p -> p.meanQuality().get(dimension))
                    .toArray(), 0.9).slope()));
        }
        slopes.put("overall", round(LinearFit.of(x, periods.stream().mapToDouble(PeriodQuality::overall).toArray(), 0.9)
                .slope()));
        return slopes;
    }

    static Map<String, Double> meanQuality(List<ActivityFact> evaluated) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (String dimension : DIMENSIONS) {
            means.put(dimension, round(evaluated.stream().mapToInt(SCORE.get(dimension)).average().orElse(Double.NaN)));
        }
        return means;
    }

    static double overall(List<ActivityFact> evaluated) {
        return round(evaluated.stream().mapToDouble(ActivityFact::meanQuality).average().orElse(Double.NaN));
    }

    private static int count(List<ActivityFact> facts, String answer) {
        return (int) facts.stream().filter(a -> answer.equals(a.intentionReached())).count();
    }

    static Double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 10_000) / 10_000.0;
    }
}
