package org.learningloop.reporting.evidence;

import org.learningloop.contracts.Periods;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.activity.QualityScores;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict's decision order and the best-design rules on small, hand-made evidence (no framework). */
class EvidenceRulesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");
    private static final Thresholds DEFAULTS = Thresholds.defaults();
    private final UUID lead = UUID.randomUUID();
    private final UUID wig = UUID.randomUUID();

    @Test
    void threeWeeksOfActivity_isInsufficientEvidence() {
        assertThat(verdict(activities(3, 3, 5, "yes"), readings(20, 20, 20, 20, 20)).verdict())
                .isEqualTo(LeadMeasureVerdict.INSUFFICIENT);
    }

    @Test
    void belowTargetInTheRecentWeeks_isImproveExecution_evenBeforeEnoughPeriods() {
        assertThat(verdict(activities(6, 2, 5, "yes"), readings()).verdict())
                .isEqualTo(LeadMeasureVerdict.IMPROVE_EXECUTION);
    }

    @Test
    void atTargetButFewerThanFourMonthlyPeriods_isInsufficientEvidence() {
        LeadMeasureVerdict.Answer answer = verdict(activities(8, 3, 5, "yes"), readings(20, 20, 20, 20));
        assertThat(answer.verdict()).isEqualTo(LeadMeasureVerdict.INSUFFICIENT);
        assertThat(answer.execution().periods()).hasSize(2);
    }

    @Test
    void atTargetWithLowQuality_isImproveExecution() {
        assertThat(verdict(activities(18, 3, 3, "yes"), readings(20, 20, 20, 20, 20)).verdict())
                .isEqualTo(LeadMeasureVerdict.IMPROVE_EXECUTION);
        assertThat(verdict(activities(18, 3, 5, "no"), readings(20, 20, 20, 20, 20)).verdict())
                .isEqualTo(LeadMeasureVerdict.IMPROVE_EXECUTION);
    }

    @Test
    void goodExecution_flatLag_isReplace_risingLag_isKeep_tooFewReadings_isInsufficient() {
        List<ActivityFact> good = activities(18, 3, 5, "yes");
        // the WIG starts at 10: flat at its start is not moving
        LeadMeasureVerdict.Answer flat = verdict(good, readings(10, 11, 9, 10, 11));
        assertThat(flat.verdict()).isEqualTo(LeadMeasureVerdict.REPLACE);
        assertThat(flat.lag().low()).isNegative();
        assertThat(flat.lag().meanAboveBaselineLow()).isNegative();
        assertThat(verdict(good, readings(20, 22, 24, 26, 28)).verdict()).isEqualTo(LeadMeasureVerdict.KEEP);
        // steady well above the WIG's start: the lead measure lifted the lag to a new level and holds it there
        LeadMeasureVerdict.Answer lifted = verdict(good, readings(20, 21, 19, 20, 21));
        assertThat(lifted.verdict()).isEqualTo(LeadMeasureVerdict.KEEP);
        assertThat(lifted.lag().meanAboveBaseline()).isEqualTo(10.2);
        // above the start but clearly heading back to it
        assertThat(verdict(good, readings(28, 26, 24, 22, 20)).verdict()).isEqualTo(LeadMeasureVerdict.REPLACE);
        assertThat(verdict(good, readings(20, 22, 24)).verdict()).isEqualTo(LeadMeasureVerdict.INSUFFICIENT);
    }

    /**
     * The month in progress is not judged while earlier months have activities (issue 18: on 2 December the demo's
     * Team Valley, effective and at target, was told to improve execution because of December's one activity).
     */
    @Test
    void aPoorFirstActivityOfTheMonthInProgress_doesNotTurnGoodExecutionIntoImproveExecution() {
        List<ActivityFact> good = new ArrayList<>(activities(18, 3, 5, "yes")); // March to June
        good.add(new ActivityFact(UUID.randomUUID(), null, null, "visit", lead, null, null, "call-centre",
                Instant.parse("2026-07-01T09:00:00Z"), "no", Map.of(), new QualityScores(1, 1, 1, 1, 1, 1)));
        TreeMap<String, BigDecimal> rising = readings(20, 22, 24, 26);

        LeadMeasureVerdict.Answer onTheSecond = verdict(good, rising, LocalDate.parse("2026-07-02"));
        assertThat(onTheSecond.verdict()).isEqualTo(LeadMeasureVerdict.KEEP);
        assertThat(onTheSecond.execution().inProgress()).isEqualTo("2026-07");
        assertThat(onTheSecond.execution().periods()).extracting(LeadMeasureVerdict.Period::period)
                .containsExactly("2026-03", "2026-04", "2026-05", "2026-06");
        // once July is over it is judged like any month
        LeadMeasureVerdict.Answer inAugust = verdict(good, rising, LocalDate.parse("2026-08-03"));
        assertThat(inAugust.verdict()).isEqualTo(LeadMeasureVerdict.IMPROVE_EXECUTION);
        assertThat(inAugust.execution().inProgress()).isNull();
    }

    @Test
    void bestDesign_needsTheThresholdAndEnoughActivities_elseEstimatesHowManyMore() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<ActivityFact> facts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            facts.add(designActivity(a, "call-centre", i % 2)); // 0.5 per activity
            facts.add(designActivity(b, "call-centre", 2)); // 2 per activity
        }
        for (int i = 0; i < 3; i++) {
            facts.add(designActivity(a, "small-6-30", 0));
            facts.add(designActivity(b, "small-6-30", 2));
        }
        List<BestDesigns.SegmentBest> best = BestDesigns.of(DesignEffectiveness.arms(facts, "membersRecruited",
                Map.of(a, "A", b, "B"), DEFAULTS, ZONE), DEFAULTS);
        assertThat(best).extracting(BestDesigns.SegmentBest::segment).containsExactly("call-centre", "small-6-30");
        assertThat(best.get(0).status()).isEqualTo(BestDesigns.BEST);
        assertThat(best.get(0).best().designId()).isEqualTo(b);
        assertThat(best.get(0).recommendation().allocation()).extracting(BestDesigns.Allocation::share)
                .containsExactly(0.9, 0.1);
        assertThat(best.get(1).status()).isEqualTo(BestDesigns.INSUFFICIENT);
        assertThat(best.get(1).additionalActivitiesPerDesign()).isEqualTo(7L); // up to the minimum of 10 each
        assertThat(best.get(1).leader().designId()).isEqualTo(b);
        // the same data gives the same probabilities (fixed seed)
        assertThat(DesignEffectiveness.arms(facts, "membersRecruited", Map.of(), DEFAULTS, ZONE))
                .extracting(DesignEffectiveness.Arm::probabilityBest)
                .isEqualTo(DesignEffectiveness.arms(facts, "membersRecruited", Map.of(), DEFAULTS, ZONE).stream()
                        .map(DesignEffectiveness.Arm::probabilityBest).toList());
    }

    @Test
    void activitiesCountByTheOneCountingRule_theActiveLeadMeasuresOfTheirTeamAndType_theNamedOneIfActive() {
        UUID team = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant since = TUESDAY.minus(Duration.ofDays(7));
        GoalFacts.LeadMeasure visits = new GoalFacts.LeadMeasure(lead, wig, team, null, "Visits", "visit", 3, "active",
                since, null);
        GoalFacts.LeadMeasure calls = new GoalFacts.LeadMeasure(UUID.randomUUID(), wig, other, null, "Calls", "call", 3,
                "active", since, null);
        GoalFacts.LeadMeasure moreCalls = new GoalFacts.LeadMeasure(UUID.randomUUID(), wig, other, null, "More calls",
                "call", 3, "active", since, null);
        GoalFacts.LeadMeasure laterVisits = new GoalFacts.LeadMeasure(UUID.randomUUID(), wig, team, null, "Later",
                "visit", 3, "active", TUESDAY.plus(Duration.ofDays(1)), null);
        ActivityFact namingAnotherTeams = unattributed(team, "visit", calls.leadMeasureId());
        ActivityFact visit = unattributed(team, "visit", null);
        ActivityFact namingOneNotYetActive = unattributed(team, "visit", laterVisits.leadMeasureId());
        ActivityFact call = unattributed(other, "call", null);
        ActivityFact namedCall = unattributed(other, "call", moreCalls.leadMeasureId());
        ActivityFact meeting = unattributed(team, "meeting", null);

        Map<UUID, List<ActivityFact>> counted = EvidenceReads.countedToward(
                List.of(namingAnotherTeams, visit, namingOneNotYetActive, call, namedCall, meeting),
                List.of(visits, calls, moreCalls, laterVisits));

        assertThat(counted.get(lead)).containsExactly(namingAnotherTeams, visit, namingOneNotYetActive);
        assertThat(counted.get(calls.leadMeasureId())).containsExactly(call);
        assertThat(counted.get(moreCalls.leadMeasureId())).containsExactly(call, namedCall);
        assertThat(counted).doesNotContainKey(laterVisits.leadMeasureId());
    }

    @Test
    void theWeekInProgress_isNotJudged_whileAnEarlierWeekHasData() {
        // 18 weeks at target, then one activity on the Monday of the 19th week (target 3)
        List<ActivityFact> facts = new ArrayList<>(activities(18, 3, 5, "yes"));
        Instant monday = TUESDAY.plus(Duration.ofDays(7L * 18)).minus(Duration.ofDays(1));
        facts.add(new ActivityFact(UUID.randomUUID(), null, null, "visit", lead, null, null, "call-centre", monday, "yes",
                Map.of(), new QualityScores(5, 5, 5, 5, 5, 5)));
        LocalDate thatMonday = LocalDate.ofInstant(monday, ZONE);

        LeadMeasureVerdict.Answer asOfThatMonday = verdict(facts, readings(10, 11, 9, 10, 11), thatMonday);
        LeadMeasureVerdict.Answer withoutDate = verdict(facts, readings(10, 11, 9, 10, 11), null);

        assertThat(asOfThatMonday.lead().referenceWeek()).isEqualTo(Periods.week(thatMonday.minusWeeks(1)));
        assertThat(asOfThatMonday.lead().weeksOnTarget()).isEqualTo(4);
        assertThat(withoutDate.lead().referenceWeek()).isEqualTo(Periods.week(thatMonday));
        assertThat(withoutDate.lead().weeksOnTarget()).isEqualTo(3);
    }

    private static ActivityFact unattributed(UUID team, String type, UUID leadMeasure) {
        return new ActivityFact(UUID.randomUUID(), team, null, type, leadMeasure, null, null, "call-centre", TUESDAY,
                "yes", Map.of(), null);
    }

    private ActivityFact designActivity(UUID design, String segment, int members) {
        return new ActivityFact(UUID.randomUUID(), null, null, "visit", lead, design, 1, segment, TUESDAY, "yes",
                Map.of("membersRecruited", members), new QualityScores(4, 4, 4, 4, 4, 4));
    }

    /** {@code perWeek} activities a week for {@code weeks} weeks from 2026-03-03, all scored {@code quality}. */
    private List<ActivityFact> activities(int weeks, int perWeek, int quality, String intention) {
        List<ActivityFact> facts = new ArrayList<>();
        for (int week = 0; week < weeks; week++) {
            for (int n = 0; n < perWeek; n++) {
                facts.add(new ActivityFact(UUID.randomUUID(), null, null, "visit", lead, null, null, "call-centre",
                        TUESDAY.plus(Duration.ofDays(7L * week)).plus(Duration.ofHours(n)), intention, Map.of(),
                        new QualityScores(quality, quality, quality, quality, quality, quality)));
            }
        }
        return facts;
    }

    private static TreeMap<String, BigDecimal> readings(int... values) {
        TreeMap<String, BigDecimal> readings = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            readings.put(String.format("2026-%02d", 3 + i), BigDecimal.valueOf(values[i]));
        }
        return readings;
    }

    private LeadMeasureVerdict.Answer verdict(List<ActivityFact> activities, TreeMap<String, BigDecimal> readings) {
        return verdict(activities, readings, null);
    }

    private LeadMeasureVerdict.Answer verdict(List<ActivityFact> activities, TreeMap<String, BigDecimal> readings,
                                              LocalDate today) {
        GoalFacts.Wig theWig = new GoalFacts.Wig(wig, null, null, null, "Grow", "m", "u", BigDecimal.TEN,
                BigDecimal.valueOf(30), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-12-31"), "month", "active");
        GoalFacts.LeadMeasureEvidence evidence = new GoalFacts.LeadMeasureEvidence(new GoalFacts.LeadMeasure(lead, wig,
                null, null, "Visits", "visit", 3, "active", null, null), theWig, readings, Map.of(), activities);
        return LeadMeasureVerdict.of(evidence, List.of(evidence), DEFAULTS, ZONE, today);
    }
}
