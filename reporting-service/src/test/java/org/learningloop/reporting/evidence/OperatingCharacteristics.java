package org.learningloop.reporting.evidence;

import org.hipparchus.random.RandomDataGenerator;
import org.learningloop.contracts.activity.QualityScores;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Seeded simulations of the evidence rules with known truth, played through the production code
 * ({@link DesignEffectiveness}, {@link BestDesigns}, {@link LeadMeasureVerdict}): what the reports would say at
 * each monthly workplace meeting, and how often that is wrong. The scenario families and their parameters are
 * ours, chosen to span what a union's teams would see (ADR 10 and reporting-service/README.md carry the table).
 */
final class OperatingCharacteristics {

    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final YearMonth FIRST = YearMonth.of(2026, 1);
    private static final String TYPE = "workplace-visit";
    private static final String SEGMENT = "call-centre";

    private OperatingCharacteristics() {
    }

    /**
     * Two designs compared in one segment over monthly looks.
     *
     * @param rate       members recruited per visit with design A
     * @param rateRatio  design B's rate over A's (1: equal designs)
     * @param perMonth   visits a month in the segment, split evenly between the designs
     * @param dispersion shape k of the workplaces' Gamma-distributed rates (negative binomial counts, variance
     *                   μ + μ²/k); {@code 0} for Poisson counts
     * @param sizeRatio  how much larger B's workplaces are than A's (20 employees on average, each ±50 %); the
     *                   rates scale with the size (per employee) when it is not 1
     * @param exposure   what the reports count outcomes against
     */
    record DesignFamily(String name, double rate, double rateRatio, int perMonth, double dispersion,
                        double sizeRatio, EvidenceConfig.Exposure exposure) {

        DesignFamily(String name, double rate, double rateRatio, int perMonth, double dispersion) {
            this(name, rate, rateRatio, perMonth, dispersion, 1, EvidenceConfig.Exposure.VISIT);
        }
    }

    /** Of {@code runs} runs: how many ever named a best design by each look, and how many named the wrong one. */
    record DesignResult(DesignFamily family, int runs, int looks, int[] namedBestBy, int[] namedTrueBestBy,
                        int wrongEver) {

        double everNamed() {
            return (double) namedBestBy[looks - 1] / runs;
        }

        double trueBestBy(int look) {
            return (double) namedTrueBestBy[look - 1] / runs;
        }

        /** The first look by which at least half the runs named the better design; {@code -1} if none. */
        int medianLooks() {
            for (int look = 1; look <= looks; look++) {
                if (namedTrueBestBy[look - 1] * 2 >= runs) {
                    return look;
                }
            }
            return -1;
        }
    }

    static DesignResult designs(DesignFamily family, int runs, int looks, long seed, Thresholds thresholds) {
        Thresholds t = thresholds.withExposure(family.exposure());
        int[] namedBy = new int[looks];
        int[] trueBy = new int[looks];
        int wrong = 0;
        UUID a = new UUID(0, 1);
        UUID b = new UUID(0, 2);
        UUID better = family.rateRatio() > 1 ? b : family.rateRatio() < 1 ? a : null;
        for (int run = 0; run < runs; run++) {
            RandomDataGenerator random = new RandomDataGenerator(seed * 1_000_003L + run);
            List<ActivityFact> facts = new ArrayList<>();
            int firstNamed = -1;
            int firstTrue = -1;
            boolean wrongHere = false;
            for (int look = 1; look <= looks; look++) {
                YearMonth month = FIRST.plusMonths(look - 1L);
                for (int i = 0; i < family.perMonth(); i++) {
                    boolean useB = i % 2 == 1;
                    double size = (useB ? family.sizeRatio() : 1) * random.nextUniform(0.5, 1.5);
                    double mean = family.rate() * (useB ? family.rateRatio() : 1)
                            * (family.sizeRatio() == 1 ? 1 : size);
                    facts.add(visit(useB ? b : a, month, i, count(random, mean, family.dispersion()),
                            (int) Math.round(20 * size)));
                }
                List<DesignEffectiveness.Arm> arms = DesignEffectiveness.arms(facts, "membersRecruited", Map.of(), t,
                        ZONE, DesignEffectiveness.Granularity.DESIGN);
                BestDesigns.SegmentBest answer = BestDesigns.of(arms, Map.of(), t).get(0);
                if (BestDesigns.BEST.equals(answer.status())) {
                    firstNamed = firstNamed < 0 ? look : firstNamed;
                    if (answer.best().designId().equals(better)) {
                        firstTrue = firstTrue < 0 ? look : firstTrue;
                    } else {
                        wrongHere = true;
                    }
                }
            }
            for (int look = 1; look <= looks; look++) {
                namedBy[look - 1] += firstNamed > 0 && firstNamed <= look ? 1 : 0;
                trueBy[look - 1] += firstTrue > 0 && firstTrue <= look ? 1 : 0;
            }
            wrong += wrongHere ? 1 : 0;
        }
        return new DesignResult(family, runs, looks, namedBy, trueBy, wrong);
    }

    /** How the lead measure is carried out, month by month after activation. */
    enum Execution {
        /** At target every week. */
        THROUGHOUT,
        /** One activity a week, at target (4) only in the last month. */
        LAST_MONTH_ONLY,
        /** One a week for the first two months, then at target. */
        FROM_MONTH_THREE
    }

    /**
     * A lead measure judged after {@code months} months, with three months of baseline readings. The WIG goes from
     * {@code from} to {@code from + 20}; the lag stands at {@code baseline} before the lead measure.
     *
     * @param lift   what the lead measure adds to the lag in a month it is carried out at target (0: ineffective);
     *               in a month below target, the same share of it as the activities' share of the target
     * @param noise  standard deviation of the lag's monthly readings
     * @param ramp   whether the lift builds up linearly over the first three months at target
     */
    record LeadFamily(String name, double lift, double noise, Execution execution, double from, double baseline,
                      boolean ramp) {
    }

    /** Verdict counts of {@code runs} runs at the look after {@code months} months. */
    record LeadResult(LeadFamily family, int runs, int months, Map<String, Integer> verdicts) {

        double share(String verdict) {
            return (double) verdicts.getOrDefault(verdict, 0) / runs;
        }
    }

    static LeadResult leadMeasure(LeadFamily family, int runs, int months, long seed, Thresholds t) {
        Map<String, Integer> verdicts = new TreeMap<>();
        for (int run = 0; run < runs; run++) {
            RandomDataGenerator random = new RandomDataGenerator(seed * 1_000_003L + run);
            verdicts.merge(leadRun(family, months, random, t).verdict(), 1, Integer::sum);
        }
        return new LeadResult(family, runs, months, verdicts);
    }

    static LeadMeasureVerdict.Answer leadRun(LeadFamily family, int months, RandomDataGenerator random, Thresholds t) {
        UUID lead = new UUID(1, 1);
        UUID wig = new UUID(1, 2);
        int target = 4;
        TreeMap<String, BigDecimal> readings = new TreeMap<>();
        for (int before = 3; before >= 1; before--) {
            readings.put(FIRST.minusMonths(before).toString(), reading(family.baseline(), family.noise(), random));
        }
        List<ActivityFact> activities = new ArrayList<>();
        int monthsAtTarget = 0;
        for (int m = 0; m < months; m++) {
            YearMonth month = FIRST.plusMonths(m);
            boolean atTarget = switch (family.execution()) {
                case THROUGHOUT -> true;
                case LAST_MONTH_ONLY -> m == months - 1;
                case FROM_MONTH_THREE -> m >= 2;
            };
            int perWeek = atTarget ? target : 1;
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                if (day.getDayOfWeek().getValue() <= perWeek) {
                    activities.add(new ActivityFact(UUID.randomUUID(), null, null, TYPE, lead, null, null, SEGMENT,
                            day.atTime(10, 0).atZone(ZONE).toInstant(), "yes", Map.of(),
                            new QualityScores(5, 5, 4, 5, 4, 5)));
                }
            }
            monthsAtTarget += atTarget ? 1 : 0;
            double dose = atTarget ? 1 : (double) perWeek / target;
            double built = family.ramp() ? Math.min(1, monthsAtTarget / 3.0) : 1;
            readings.put(month.toString(), reading(family.baseline() + family.lift() * dose * built, family.noise(),
                    random));
        }
        GoalFacts.Wig theWig = new GoalFacts.Wig(wig, null, null, null, "Grow", "net new members", "members",
                BigDecimal.valueOf(family.from()), BigDecimal.valueOf(family.from() + 20),
                FIRST.minusMonths(3).atDay(1), FIRST.plusMonths(12).atDay(1), "month", "active");
        GoalFacts.LeadMeasureEvidence evidence = new GoalFacts.LeadMeasureEvidence(new GoalFacts.LeadMeasure(lead, wig,
                null, null, "Visits", TYPE, target, "active", FIRST.atDay(1).atStartOfDay(ZONE).toInstant(), null),
                theWig, readings, Map.of(), activities);
        LocalDate today = FIRST.plusMonths(months).atDay(1);
        return LeadMeasureVerdict.of(evidence, List.of(evidence), t, ZONE, today);
    }

    private static BigDecimal reading(double mean, double noise, RandomDataGenerator random) {
        return BigDecimal.valueOf(Math.round(Math.max(0, random.nextNormal(mean, noise)) * 10) / 10.0);
    }

    private static int count(RandomDataGenerator random, double mean, double dispersion) {
        double workplace = dispersion > 0 ? random.nextGamma(dispersion, 1 / dispersion) : 1;
        double m = mean * workplace;
        return m <= 0 ? 0 : random.nextPoisson(m);
    }

    private static ActivityFact visit(UUID design, YearMonth month, int i, int members, int employees) {
        LocalDate day = month.atDay(1 + i % 27);
        return new ActivityFact(UUID.randomUUID(), null, null, TYPE, null, design, 1, SEGMENT,
                day.atTime(10, 0).atZone(ZONE).toInstant(), "yes", Map.of("membersRecruited", members),
                new QualityScores(4, 4, 4, 4, 4, 4), employees);
    }
}
