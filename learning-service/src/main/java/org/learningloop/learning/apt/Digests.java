package org.learningloop.learning.apt;

import org.learningloop.contracts.Periods;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.activity.Adaptation;
import org.learningloop.contracts.activity.ImprovementProposal;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.learning.apt.WorkplaceMeetingApi.AdaptationCount;
import org.learningloop.learning.apt.WorkplaceMeetingApi.DesignDigest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.Digest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.FeedbackGroup;
import org.learningloop.learning.apt.WorkplaceMeetingApi.IntentionCounts;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LagPoint;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LagTrend;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LeadMeasureDigest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LearningSummary;
import org.learningloop.learning.apt.WorkplaceMeetingApi.ProposalView;
import org.learningloop.learning.apt.WorkplaceMeetingApi.WeekActual;
import org.learningloop.learning.loop.LoopReads;
import org.learningloop.learning.loop.LoopReads.Fact;
import org.learningloop.learning.loop.LoopReads.FeedbackRow;
import org.learningloop.learning.loop.LoopReads.LagRow;
import org.learningloop.learning.loop.LoopReads.LeadMeasure;
import org.learningloop.learning.loop.LoopReads.Learning;
import org.learningloop.learning.loop.LoopReads.Wig;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.rules.IntentionReachedRate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The digest of a workplace meeting: all the unit's teams' learning in its month, computed when asked
 * from the read models the consumers keep (never by replaying history). Activities count in the month
 * of their {@code carriedOutAt}; weeks are the ISO weeks whose Thursday is in the month; learnings in the
 * month of the WIG meeting week that first reported them, else of when they were recorded.
 */
@ApplicationScoped
public class Digests {

    private static final int TOP_ADAPTATIONS = 5;
    /** Means, shares and per-activity figures are rounded half-up to this many decimals. */
    private static final int DECIMALS = 2;

    private final LoopReads reads;
    private final LoopConfig config;

    public Digests(LoopReads reads, LoopConfig config) {
        this.reads = reads;
        this.config = config;
    }

    /** The digest for {@code teams} (the meeting's, plus any the read models know now) of {@code unitId}. */
    public Uni<Digest> digest(SqlClient client, UUID unitId, String month, List<UUID> meetingTeams) {
        return reads.teamsOfUnit(client, unitId).chain(known -> {
            Set<UUID> teamSet = new LinkedHashSet<>(meetingTeams);
            teamSet.addAll(known);
            List<UUID> teams = List.copyOf(teamSet);
            List<String> weeks = Periods.weeksOf(month);
            return reads.carriedOutIn(client, unitId, teams, month).chain(facts -> {
                List<UUID> activityIds = facts.stream().map(Fact::activityId).toList();
                return reads.feedback(client, activityIds)
                        .chain(feedback -> reads.learnings(client, teams)
                                .chain(learnings -> leadMeasures(client, teams, weeks, month)
                                        .map(leads -> new Digest(unitId, month, teams, weeks, facts.size(),
                                                designs(facts, feedback, learnings), leads,
                                                learnings.stream().filter(l -> month.equals(
                                                        l.month(config.timeZone())))
                                                        .map(Learning::summary).toList()))));
            });
        });
    }

    private record DesignKey(UUID designId, Integer designVersion, String segment) {
    }

    private static List<DesignDigest> designs(List<Fact> facts, List<FeedbackRow> feedback, List<Learning> learnings) {
        Map<DesignKey, List<Fact>> groups = new LinkedHashMap<>();
        for (Fact fact : facts) {
            groups.computeIfAbsent(new DesignKey(fact.designId(), fact.designVersion(), fact.segment()),
                    key -> new ArrayList<>()).add(fact);
        }
        List<DesignDigest> digests = new ArrayList<>();
        groups.forEach((key, group) -> digests.add(design(key, group, feedback, learnings)));
        digests.sort(Comparator.comparing((DesignDigest d) -> -d.activitiesCarriedOut())
                .thenComparing(d -> Objects.toString(d.designId(), "~"))
                .thenComparing(d -> d.designVersion() == null ? Integer.MAX_VALUE : d.designVersion())
                .thenComparing(d -> Objects.toString(d.segment(), "~")));
        return digests;
    }

    private static DesignDigest design(DesignKey key, List<Fact> group, List<FeedbackRow> feedback,
                                       List<Learning> learnings) {
        List<IntentionReached> answers = new ArrayList<>();
        int evaluated = 0;
        Map<String, Integer> qualitySums = new LinkedHashMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<List<String>, Integer> adaptations = new LinkedHashMap<>();
        List<ProposalView> proposals = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        for (Fact fact : group) {
            ids.add(fact.activityId());
            IntentionReached answer = IntentionReachedRate.answer(fact.intentionReached());
            if (answer != null) {
                answers.add(answer);
            }
            if (fact.quality() != null) {
                evaluated++;
                fact.quality().forEach((dimension, score) -> qualitySums.merge(dimension, score, Integer::sum));
            }
            fact.outcomes().forEach((name, count) -> outcomes.merge(name, count == null ? 0 : count, Integer::sum));
            for (Adaptation adaptation : fact.adaptations()) {
                adaptations.merge(List.of(Objects.toString(adaptation.element(), ""), Objects.toString(adaptation.what(), "")),
                        1, Integer::sum);
            }
            for (ImprovementProposal proposal : fact.improvementProposals()) {
                proposals.add(new ProposalView(fact.activityId(), proposal.element(), proposal.proposal()));
            }
        }
        int count = group.size();
        IntentionCounts intention = new IntentionCounts(occurrences(answers, IntentionReached.YES),
                occurrences(answers, IntentionReached.PARTLY), occurrences(answers, IntentionReached.NO),
                count - answers.size());
        Map<String, BigDecimal> meanQuality = new LinkedHashMap<>();
        int evaluatedCount = evaluated;
        qualitySums.forEach((dimension, sum) -> meanQuality.put(dimension, ratio(sum, evaluatedCount)));
        Map<String, BigDecimal> perActivity = new TreeMap<>();
        outcomes.forEach((name, total) -> perActivity.put(name, ratio(total, count)));
        List<AdaptationCount> topAdaptations = adaptations.entrySet().stream()
                .map(e -> new AdaptationCount(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted(Comparator.comparing((AdaptationCount a) -> -a.count()).thenComparing(AdaptationCount::element)
                        .thenComparing(AdaptationCount::what))
                .limit(TOP_ADAPTATIONS).toList();
        Map<List<String>, List<String>> groupedFeedback = new LinkedHashMap<>();
        feedback.stream().filter(item -> ids.contains(item.activityId())).forEach(item -> groupedFeedback
                .computeIfAbsent(List.of(item.category(), item.element()), k -> new ArrayList<>()).add(item.text()));
        List<FeedbackGroup> feedbackGroups = groupedFeedback.entrySet().stream()
                .map(e -> new FeedbackGroup(e.getKey().get(0), e.getKey().get(1), e.getValue().size(), e.getValue()))
                .toList();
        List<LearningSummary> confirmed = learnings.stream().map(Learning::summary)
                .filter(l -> l.activityIds().stream().anyMatch(ids::contains)).toList();
        return new DesignDigest(key.designId(), key.designVersion(), key.segment(), count,
                group.stream().map(Fact::activityId).toList(), intention,
                IntentionReachedRate.share(answers, DECIMALS).orElse(null), evaluated, meanQuality, outcomes,
                perActivity, topAdaptations, feedbackGroups, proposals, confirmed);
    }

    private Uni<List<LeadMeasureDigest>> leadMeasures(SqlClient client, List<UUID> teams, List<String> weeks, String month) {
        return reads.leadMeasures(client, teams).chain(all -> {
            List<LeadMeasure> leads = all.stream().filter(lead -> !"proposed".equals(lead.status())).toList();
            if (leads.isEmpty()) {
                return Uni.createFrom().item(List.<LeadMeasureDigest>of());
            }
            List<UUID> wigIds = leads.stream().map(LeadMeasure::wigId).distinct().toList();
            return reads.weekly(client, all, weeks)
                    .chain(weekly -> reads.wigs(client, wigIds)
                            .chain(wigs -> reads.lagReadings(client, wigIds).map(lag -> {
                                List<LeadMeasureDigest> digests = new ArrayList<>();
                                for (LeadMeasure lead : leads) {
                                    Map<String, int[]> byWeek = weekly.getOrDefault(lead.leadMeasureId(), Map.of());
                                    List<WeekActual> actuals = weeks.stream().map(week -> {
                                        int[] counts = byWeek.getOrDefault(week, new int[]{0, 0});
                                        int actual = counts[0] + counts[1];
                                        return new WeekActual(week, counts[0], counts[1], actual, lead.weeklyTarget(),
                                                actual >= lead.weeklyTarget());
                                    }).toList();
                                    digests.add(new LeadMeasureDigest(lead.leadMeasureId(), lead.teamId(), lead.wigId(),
                                            lead.name(), lead.activityType(), lead.weeklyTarget(), lead.status(), actuals,
                                            trend(wigs, lag, lead.wigId(), month)));
                                }
                                return digests;
                            })));
        });
    }

    private static LagTrend trend(List<Wig> wigs, List<LagRow> lag, UUID wigId, String month) {
        Wig wig = wigs.stream().filter(w -> w.wigId().equals(wigId)).findFirst().orElse(null);
        List<LagPoint> readings = lag.stream()
                .filter(row -> row.wigId().equals(wigId) && Periods.monthOfPeriod(row.period()).compareTo(month) <= 0)
                .map(row -> new LagPoint(row.period(), row.value())).toList();
        if (wig == null) {
            return new LagTrend(wigId, null, null, null, null, null, null, readings);
        }
        return new LagTrend(wigId, wig.title(), wig.metric(), wig.from(), wig.to(), wig.deadline(), wig.cadence(), readings);
    }

    private static int occurrences(List<IntentionReached> answers, IntentionReached answer) {
        return (int) answers.stream().filter(answer::equals).count();
    }

    static BigDecimal ratio(int numerator, int denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), DECIMALS, RoundingMode.HALF_UP);
    }
}
