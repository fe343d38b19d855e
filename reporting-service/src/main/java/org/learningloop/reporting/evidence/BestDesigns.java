package org.learningloop.reporting.evidence;

import org.learningloop.reporting.evidence.stats.EvidenceNeeded;
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
 * {@link DesignEffectiveness}. Each design version is an arm of its own (a revision is a new arm that starts
 * without data). The leader is named {@code best} when its P(best) reaches the threshold and every compared
 * arm has the minimum number of activities; else {@code insufficient-evidence} with an estimate of the
 * activities still needed; a segment where only one design version was tried is {@code only-design}.
 */
public final class BestDesigns {

    public static final String BEST = "best";
    public static final String INSUFFICIENT = "insufficient-evidence";
    public static final String ONLY_DESIGN = "only-design";

    private BestDesigns() {
    }

    /** A design version in a segment, with the evidence that ranks it. */
    public record Candidate(UUID designId, int designVersion, String designName, int activities,
                            double outcomePerActivity, double low, double high, double probabilityBest) {
    }

    /** The verdict for one activity type × segment. */
    public record SegmentBest(String activityType, String segment, String status, Candidate best, Candidate leader,
                              List<Candidate> candidates, Long additionalActivitiesPerDesign, String explanation,
                              Recommendation recommendation) {
    }

    /** A design's share of next month's activities in the segment. */
    public record Allocation(UUID designId, int designVersion, String designName, double share) {
    }

    /** Next month's plan for the segment: Thompson-sampling shares with the reasoning. */
    public record Recommendation(String useDesign, List<Allocation> allocation, String reasoning) {
    }

    public static List<SegmentBest> of(List<DesignEffectiveness.Arm> arms, Thresholds thresholds) {
        Map<String, List<DesignEffectiveness.Arm>> groups = new LinkedHashMap<>();
        arms.forEach(arm -> groups.computeIfAbsent(arm.activityType() + "\u0000" + arm.segment(),
                key -> new ArrayList<>()).add(arm));
        List<SegmentBest> result = new ArrayList<>();
        for (List<DesignEffectiveness.Arm> group : groups.values()) {
            result.add(segment(group, thresholds));
        }
        return result;
    }

    private static SegmentBest segment(List<DesignEffectiveness.Arm> group, Thresholds thresholds) {
        List<DesignEffectiveness.Arm> ranked = group.stream()
                .sorted(Comparator.comparingDouble(DesignEffectiveness.Arm::probabilityBest).reversed()
                        .thenComparing(Comparator.comparingDouble(
                                (DesignEffectiveness.Arm a) -> a.outcomePerActivity().posteriorMean()).reversed()))
                .toList();
        List<Candidate> candidates = ranked.stream().map(BestDesigns::candidate).toList();
        DesignEffectiveness.Arm leader = ranked.get(0);
        String activityType = leader.activityType();
        String segment = leader.segment();
        double[] pBest = ranked.stream().mapToDouble(DesignEffectiveness.Arm::probabilityBest).toArray();
        double[] shares = ThompsonAllocation.shares(pBest, thresholds.minExplorationShare());
        List<Allocation> allocation = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            DesignEffectiveness.Arm arm = ranked.get(i);
            allocation.add(new Allocation(arm.designId(), arm.designVersion(), arm.designName(),
                    Math.round(shares[i] * 1000) / 1000.0));
        }
        if (ranked.size() == 1) {
            String text = String.format(Locale.ROOT, "Only %s has been tried in %s (%d activities, %.2f %s per activity); "
                            + "there is nothing to compare it with.", label(leader), segment, leader.activities(),
                    leader.outcomePerActivity().posteriorMean(), leader.outcome());
            return new SegmentBest(activityType, segment, ONLY_DESIGN, null, candidates.get(0), candidates, null, text,
                    new Recommendation(ref(leader), allocation, text + " Keep using it, or try a second design "
                            + "in part of the activities to learn whether another works better."));
        }
        DesignEffectiveness.Arm runnerUp = ranked.get(1);
        int fewest = ranked.stream().mapToInt(DesignEffectiveness.Arm::activities).min().orElse(0);
        boolean enoughActivities = fewest >= thresholds.minActivitiesPerDesign();
        boolean clear = leader.probabilityBest() >= thresholds.bestThreshold();
        String comparison = String.format(Locale.ROOT, "%s: P(best) %.2f, %.2f %s per activity (%d activities) vs %s: "
                        + "P(best) %.2f, %.2f per activity (%d activities)", label(leader), leader.probabilityBest(),
                leader.outcomePerActivity().posteriorMean(), leader.outcome(), leader.activities(), label(runnerUp),
                runnerUp.probabilityBest(), runnerUp.outcomePerActivity().posteriorMean(), runnerUp.activities());
        int floorPercent = (int) Math.round(Math.min(thresholds.minExplorationShare(), 1.0 / ranked.size()) * 100);
        if (clear && enoughActivities) {
            String text = "Best in " + segment + ": " + comparison + ".";
            String reasoning = String.format(Locale.ROOT, "%s is very probably the best design in %s (P(best) %.2f ≥ %.2f). "
                            + "Use it for about %d%% of next month's %s activities; give each other design at least %d%% "
                            + "so the comparison stays current.", label(leader), segment, leader.probabilityBest(),
                    thresholds.bestThreshold(), Math.round(shares[0] * 100), activityType, floorPercent);
            return new SegmentBest(activityType, segment, BEST, candidates.get(0), candidates.get(0), candidates, 0L,
                    text, new Recommendation(ref(leader), allocation, reasoning));
        }
        OptionalLong needed = EvidenceNeeded.additionalPerArm(leader.outcomePerActivity().posteriorMean(),
                leader.activities(), runnerUp.outcomePerActivity().posteriorMean(), runnerUp.activities(),
                thresholds.bestThreshold());
        Long additional = null;
        if (needed.isPresent()) {
            long toMinimum = Math.max(0, thresholds.minActivitiesPerDesign() - fewest);
            additional = Math.max(needed.getAsLong(), toMinimum);
        }
        String why = !enoughActivities
                ? String.format(Locale.ROOT, "a compared design has only %d activities (at least %d each are needed)",
                fewest, thresholds.minActivitiesPerDesign())
                : String.format(Locale.ROOT, "no design reaches P(best) %.2f", thresholds.bestThreshold());
        String text = "Insufficient evidence in " + segment + ": " + why + ". " + comparison + "."
                + (additional == null ? " The designs look equally good so far; no number of activities can be estimated."
                : " About " + additional + " more activities of each of the two leading designs would be needed if "
                + "their rates stay as estimated.");
        String reasoning = String.format(Locale.ROOT, "No design is clearly best in %s yet. Split next month's %s "
                        + "activities by each design's probability of being best (Thompson sampling), at least %d%% each, "
                        + "to learn quickly while favouring the likelier winner: %s.", segment, activityType,
                floorPercent, shareText(allocation));
        return new SegmentBest(activityType, segment, INSUFFICIENT, null, candidates.get(0), candidates, additional,
                text, new Recommendation(ref(leader), allocation, reasoning));
    }

    private static Candidate candidate(DesignEffectiveness.Arm arm) {
        return new Candidate(arm.designId(), arm.designVersion(), arm.designName(), arm.activities(),
                arm.outcomePerActivity().posteriorMean(), arm.outcomePerActivity().low(),
                arm.outcomePerActivity().high(), arm.probabilityBest());
    }

    private static String label(DesignEffectiveness.Arm arm) {
        return (arm.designName() == null ? "design " + arm.designId() : "'" + arm.designName() + "'") + " v"
                + arm.designVersion();
    }

    private static String ref(DesignEffectiveness.Arm arm) {
        return arm.designId() + "@v" + arm.designVersion();
    }

    private static String shareText(List<Allocation> allocation) {
        List<String> parts = new ArrayList<>();
        for (Allocation a : allocation) {
            parts.add((a.designName() == null ? a.designId().toString() : a.designName()) + " v" + a.designVersion()
                    + " " + Math.round(a.share() * 100) + "%");
        }
        return String.join(", ", parts);
    }
}
