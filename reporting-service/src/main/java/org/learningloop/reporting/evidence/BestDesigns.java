package org.learningloop.reporting.evidence;

import org.learningloop.reporting.evidence.stats.EvidenceNeeded;
import org.learningloop.reporting.evidence.stats.GammaPosterior;
import org.learningloop.reporting.evidence.stats.ProbabilityOfBest;
import org.learningloop.reporting.evidence.stats.RateRatio;
import org.learningloop.reporting.evidence.stats.ThompsonAllocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The best design per activity type × segment and next month's recommendation, from the arms of
 * {@link DesignEffectiveness} (each a design with all its versions together) and the design catalogue.
 *
 * <p>Who is compared: the <em>established</em> designs, those a team can still plan (not retired) with at least
 * {@code minActivitiesPerDesign} activities in the segment. A design tried only a few times is being explored:
 * it gets its share of the activities but does not erase the answer the established designs give. The leader is
 * named {@code best} when its probability of being the best of them reaches {@code bestThreshold}; for two designs
 * that is the same as the rate ratio's interval at level {@code 2·bestThreshold − 1} lying above 1, and the ratio
 * is reported with that interval. The threshold is set for repeated looks (ADR 10): the reports are read at every
 * monthly workplace meeting, and with equal designs the chance of <em>ever</em> naming one best over a year of
 * monthly looks must stay at or below 5 %, which a one-look 90 % rule does not (about a third within five looks).
 *
 * <p>Who is recommended: only what a team can plan today, each design at its current version: every established
 * or explored design that is not retired, and untried designs that target the segment, which get at least the
 * exploration share. A retired design keeps its evidence in {@code candidates} and is never recommended.
 */
public final class BestDesigns {

    public static final String BEST = "best";
    public static final String INSUFFICIENT = "insufficient-evidence";
    public static final String ONLY_DESIGN = "only-design";
    /** Every design tried in the segment is retired, and none targets it: nothing can be recommended. */
    public static final String NO_DESIGN = "no-plannable-design";

    private BestDesigns() {
    }

    /**
     * A design in a segment, with the evidence that ranks it.
     *
     * @param designVersion   the latest version used in the segment
     * @param probabilityBest among the established designs; {@code null} for a design outside them
     * @param status          {@code established}, {@code exploring} (fewer activities than the minimum) or
     *                        {@code retired}
     */
    public record Candidate(UUID designId, int designVersion, String designName, int activities,
                            double outcomePerActivity, double low, double high, Double dispersion,
                            Double probabilityBest, String status) {
    }

    /**
     * How many times the leader's rate is the runner-up's, with the interval the decision uses: level
     * {@code 2·bestThreshold − 1}, so that its lower end above 1 means P(leader better) ≥ {@code bestThreshold}.
     */
    public record Comparison(UUID leader, UUID versus, double rateRatio, double low, double high, double level) {
    }

    /** The verdict for one activity type × segment. */
    public record SegmentBest(String activityType, String segment, String status, Candidate best, Candidate leader,
                              List<Candidate> candidates, Comparison comparison, Long additionalActivitiesPerDesign,
                              String explanation, Recommendation recommendation) {
    }

    /** A design's share of next month's activities in the segment, at the version to plan with. */
    public record Allocation(UUID designId, int designVersion, String designName, double share, boolean tried) {
    }

    /** Next month's plan for the segment: the design to use (id@vN, current version) and the shares. */
    public record Recommendation(String useDesign, List<Allocation> allocation, String reasoning) {
    }

    static final String ESTABLISHED = "established";
    static final String EXPLORING = "exploring";
    static final String RETIRED = "retired";

    /**
     * @param arms      design-granularity arms ({@link DesignEffectiveness.Granularity#DESIGN})
     * @param catalogue the designs known to activity-service; a design missing from it counts as plannable at
     *                  the latest version used
     */
    public static List<SegmentBest> of(List<DesignEffectiveness.Arm> arms, Map<UUID, Design> catalogue,
                                       Thresholds thresholds) {
        Map<String, List<DesignEffectiveness.Arm>> groups = new LinkedHashMap<>();
        arms.forEach(arm -> groups.computeIfAbsent(arm.activityType() + "\u0000" + arm.segment(),
                key -> new ArrayList<>()).add(arm));
        List<SegmentBest> result = new ArrayList<>();
        for (List<DesignEffectiveness.Arm> group : groups.values()) {
            result.add(segment(group, catalogue, thresholds));
        }
        return result;
    }

    private static SegmentBest segment(List<DesignEffectiveness.Arm> group, Map<UUID, Design> catalogue,
                                       Thresholds t) {
        String activityType = group.get(0).activityType();
        String segment = group.get(0).segment();
        List<DesignEffectiveness.Arm> plannable = group.stream().filter(a -> !retired(a, catalogue)).toList();
        List<DesignEffectiveness.Arm> established = plannable.stream()
                .filter(a -> a.activities() >= t.minActivitiesPerDesign()).toList();
        double[] pBest = established.size() < 2 ? new double[established.size()]
                : ProbabilityOfBest.of(established.stream().map(DesignEffectiveness.Arm::posterior).toList(),
                t.draws(), t.seed());
        Map<UUID, Double> pBestOf = new LinkedHashMap<>();
        for (int i = 0; i < established.size(); i++) {
            pBestOf.put(established.get(i).designId(), established.size() < 2 ? null : pBest[i]);
        }
        // established first, then exploring, then retired; within each by P(best), then by posterior mean
        List<DesignEffectiveness.Arm> ranked = group.stream().sorted(Comparator
                .comparingInt((DesignEffectiveness.Arm a) -> List.of(ESTABLISHED, EXPLORING, RETIRED)
                        .indexOf(status(a, catalogue, t)))
                .thenComparing(a -> pBestOf.get(a.designId()) == null ? 0.0 : pBestOf.get(a.designId()),
                        Comparator.reverseOrder())
                .thenComparing(a -> a.outcomePerActivity().posteriorMean(), Comparator.reverseOrder())).toList();
        List<Candidate> candidates = ranked.stream().map(a -> candidate(a, pBestOf.get(a.designId()),
                status(a, catalogue, t))).toList();
        Recommendation plan = allocation(activityType, segment, plannable, catalogue, t);

        if (plannable.isEmpty() && plan.allocation().isEmpty()) {
            String text = "Every design tried in " + segment + " is retired and no design targets it: create or fork "
                    + "one for it.";
            return new SegmentBest(activityType, segment, NO_DESIGN, null, null, candidates, null, null, text,
                    new Recommendation(null, List.of(), text));
        }
        if (plannable.isEmpty()) {
            String text = "Every design tried in " + segment + " is retired: " + plan.reasoning();
            return new SegmentBest(activityType, segment, INSUFFICIENT, null, null, candidates, null, null,
                    "Every design tried in " + segment + " is retired; the designs that target it are untried.",
                    new Recommendation(plan.useDesign(), plan.allocation(), text));
        }
        if (plannable.size() == 1 && established.size() <= 1) {
            DesignEffectiveness.Arm only = plannable.get(0);
            Candidate candidate = candidates.stream().filter(c -> c.designId().equals(only.designId())).findFirst()
                    .orElseThrow();
            String text = String.format(Locale.ROOT, "Only %s can be compared in %s (%d activities, %.2f %s per "
                            + "activity); there is nothing to compare it with.", label(only), segment, only.activities(),
                    only.outcomePerActivity().posteriorMean(), only.outcome());
            return new SegmentBest(activityType, segment, ONLY_DESIGN, null, candidate, candidates, null, null, text,
                    new Recommendation(plan.useDesign(), plan.allocation(), text + " " + plan.reasoning()));
        }
        if (established.size() < 2) {
            int fewest = plannable.stream().mapToInt(DesignEffectiveness.Arm::activities).min().orElse(0);
            long toMinimum = Math.max(0, t.minActivitiesPerDesign() - fewest);
            String text = String.format(Locale.ROOT, "Insufficient evidence in %s: a design that can still be planned "
                            + "has only %d activities (at least %d each are needed before designs are compared).",
                    segment, fewest, t.minActivitiesPerDesign());
            return new SegmentBest(activityType, segment, INSUFFICIENT, null, candidates.get(0), candidates, null,
                    toMinimum, text, plan);
        }
        DesignEffectiveness.Arm leader = established.get(argMax(pBest));
        DesignEffectiveness.Arm runnerUp = established.stream().filter(a -> a != leader)
                .max(Comparator.comparingDouble(a -> pBestOf.get(a.designId()))).orElseThrow();
        double level = 2 * t.bestThreshold() - 1;
        RateRatio ratio = RateRatio.of(leader.posterior(), runnerUp.posterior(), level);
        Comparison comparison = new Comparison(leader.designId(), runnerUp.designId(),
                round(ratio.estimate()), round(ratio.low()), round(ratio.high()), level);
        Candidate leading = candidates.stream().filter(c -> c.designId().equals(leader.designId())).findFirst()
                .orElseThrow();
        String figures = String.format(Locale.ROOT, "%s recruits %.2f times as much per activity as %s (%.1f%% "
                        + "interval %.2f–%.2f; P(best) %.3f over %d and %d activities)", label(leader),
                ratio.estimate(), label(runnerUp), level * 100, ratio.low(), ratio.high(),
                pBestOf.get(leader.designId()), leader.activities(), runnerUp.activities());
        if (pBestOf.get(leader.designId()) >= t.bestThreshold()) {
            String text = "Best in " + segment + ": " + figures + ".";
            return new SegmentBest(activityType, segment, BEST, leading, leading, candidates, comparison, 0L, text,
                    new Recommendation(ref(leader, catalogue), plan.allocation(), String.format(Locale.ROOT,
                            "%s is the best design in %s with P(best) %.3f ≥ %.3f, a threshold that keeps a false "
                                    + "'best' over a year of monthly looks at or below 5%%. %s", label(leader),
                            segment, pBestOf.get(leader.designId()), t.bestThreshold(), plan.reasoning())));
        }
        OptionalLong needed = EvidenceNeeded.additionalPerArm(leader.outcomePerActivity().posteriorMean(),
                leader.activities(), runnerUp.outcomePerActivity().posteriorMean(), runnerUp.activities(),
                t.bestThreshold());
        Long additional = needed.isPresent() ? needed.getAsLong() : null;
        String text = "Insufficient evidence in " + segment + ": no design reaches P(best) "
                + String.format(Locale.ROOT, "%.3f", t.bestThreshold()) + ". " + figures + "."
                + (additional == null ? " The designs look equally good so far; no number of activities can be estimated."
                : " About " + additional + " more activities of each of the two leading designs would be needed if "
                + "their rates stay as estimated.");
        return new SegmentBest(activityType, segment, INSUFFICIENT, null, leading, candidates, comparison, additional,
                text, plan);
    }

    /**
     * Thompson sampling over what a team can plan: each design's share of next month's activities is its
     * probability of being best (untried designs by their prior alone), at least {@code minExplorationShare}.
     */
    private static Recommendation allocation(String activityType, String segment,
                                             List<DesignEffectiveness.Arm> plannable, Map<UUID, Design> catalogue,
                                             Thresholds t) {
        List<UUID> designs = new ArrayList<>();
        List<GammaPosterior> posteriors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        List<Boolean> tried = new ArrayList<>();
        for (DesignEffectiveness.Arm arm : plannable) {
            designs.add(arm.designId());
            posteriors.add(arm.posterior());
            names.add(arm.designName());
            versions.add(currentVersion(arm, catalogue));
            tried.add(true);
        }
        catalogue.values().stream()
                .filter(d -> d.plannableIn(activityType, segment) && !designs.contains(d.designId()))
                .sorted(Comparator.comparing(d -> d.designId().toString()))
                .forEach(d -> {
                    designs.add(d.designId());
                    posteriors.add(new GammaPosterior(t.priorShape(), t.priorRate()));
                    names.add(d.name());
                    versions.add(d.version());
                    tried.add(false);
                });
        if (designs.isEmpty()) {
            return new Recommendation(null, List.of(), "");
        }
        double[] pBest = posteriors.size() == 1 ? new double[]{1}
                : ProbabilityOfBest.of(posteriors, t.draws(), t.seed());
        double[] shares = ThompsonAllocation.shares(pBest, t.minExplorationShare());
        List<Allocation> allocation = new ArrayList<>();
        for (int i = 0; i < designs.size(); i++) {
            allocation.add(new Allocation(designs.get(i), versions.get(i), names.get(i),
                    Math.round(shares[i] * 1000) / 1000.0, tried.get(i)));
        }
        allocation.sort(Comparator.comparingDouble(Allocation::share).reversed()
                .thenComparing(a -> a.designId().toString()));
        Allocation first = allocation.get(0);
        int floorPercent = (int) Math.round(Math.min(t.minExplorationShare(), 1.0 / designs.size()) * 100);
        String reasoning = designs.size() == 1
                ? "Keep using it, or try a second design in part of the activities to learn whether another works better."
                : String.format(Locale.ROOT, "Split next month's %s activities in %s by each design's probability of "
                        + "being best (Thompson sampling), at least %d%% each, so the comparison stays current: %s. "
                        + "Only designs that can be planned are named, each at its current version.", activityType,
                segment, floorPercent, shareText(allocation));
        return new Recommendation(first.designId() + "@v" + first.designVersion(), List.copyOf(allocation), reasoning);
    }

    private static boolean retired(DesignEffectiveness.Arm arm, Map<UUID, Design> catalogue) {
        Design design = catalogue.get(arm.designId());
        return design != null && design.retired();
    }

    private static String status(DesignEffectiveness.Arm arm, Map<UUID, Design> catalogue, Thresholds t) {
        return retired(arm, catalogue) ? RETIRED : arm.activities() >= t.minActivitiesPerDesign() ? ESTABLISHED
                : EXPLORING;
    }

    private static int currentVersion(DesignEffectiveness.Arm arm, Map<UUID, Design> catalogue) {
        Design design = catalogue.get(arm.designId());
        return design == null ? arm.designVersion() : Math.max(design.version(), arm.designVersion());
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static Candidate candidate(DesignEffectiveness.Arm arm, Double probabilityBest, String status) {
        return new Candidate(arm.designId(), arm.designVersion(), arm.designName(), arm.activities(),
                arm.outcomePerActivity().posteriorMean(), arm.outcomePerActivity().low(),
                arm.outcomePerActivity().high(), arm.dispersion(),
                probabilityBest == null ? null : round(probabilityBest), status);
    }

    private static String label(DesignEffectiveness.Arm arm) {
        return arm.designName() == null ? "design " + arm.designId() : "'" + arm.designName() + "'";
    }

    private static String ref(DesignEffectiveness.Arm arm, Map<UUID, Design> catalogue) {
        return arm.designId() + "@v" + currentVersion(arm, catalogue);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String shareText(List<Allocation> allocation) {
        List<String> parts = new ArrayList<>();
        for (Allocation a : allocation) {
            parts.add((a.designName() == null ? a.designId().toString() : a.designName()) + " v" + a.designVersion()
                    + " " + Math.round(a.share() * 100) + "%" + (a.tried() ? "" : " (untried)"));
        }
        return String.join(", ", parts);
    }
}
