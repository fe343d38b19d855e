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

    /**
     * The lag is judged by its lift over the team's own readings before the activation (December to February),
     * over the months with the lead measure at target (March to June; July has one week of activity). The WIG
     * goes from 10 to 30, so a lead measure must be able to lift the lag by 5 (a quarter of the distance).
     */
    @Test
    void goodExecution_theLiftOverTheBaselineDecides_keepReplaceOrInsufficient() {
        List<ActivityFact> good = activities(18, 3, 5, "yes");
        LeadMeasureVerdict.Answer flat = verdict(good, withBaseline(new int[]{10, 11, 9}, 10, 11, 9, 10, 11));
        assertThat(flat.verdict()).isEqualTo(LeadMeasureVerdict.REPLACE);
        LagEffect effect = flat.lag().effect();
        assertThat(effect.baseline()).containsOnlyKeys("2025-12", "2026-01", "2026-02");
        assertThat(effect.judged()).containsOnlyKeys("2026-03", "2026-04", "2026-05", "2026-06");
        assertThat(effect.notJudged()).containsEntry("2026-07", LagEffect.NOT_AT_TARGET);
        assertThat(effect.neededEffect()).isEqualTo(5.0);
        assertThat(effect.high()).isLessThan(5.0);

        assertThat(verdict(good, withBaseline(new int[]{10, 11, 9}, 20, 22, 24, 26, 28)).verdict())
                .isEqualTo(LeadMeasureVerdict.KEEP);
        LeadMeasureVerdict.Answer lifted = verdict(good, withBaseline(new int[]{10, 11, 9}, 20, 21, 19, 20, 21));
        assertThat(lifted.verdict()).isEqualTo(LeadMeasureVerdict.KEEP);
        assertThat(lifted.lag().effect().effect()).isEqualTo(10.0);
        assertThat(lifted.lag().effect().low()).isPositive();
    }

    @Test
    void aNoisyLag_isInsufficientEvidence_withTheReadingsThatWouldDecide_notReplace() {
        LeadMeasureVerdict.Answer noisy = verdict(activities(18, 3, 5, "yes"),
                withBaseline(new int[]{2, 18, 10}, 5, 25, 12, 20));
        assertThat(noisy.verdict()).isEqualTo(LeadMeasureVerdict.INSUFFICIENT);
        LagEffect effect = noisy.lag().effect();
        assertThat(effect.decision()).isEqualTo(LagEffect.Decision.UNDECIDED);
        assertThat(effect.low()).isNegative();
        assertThat(effect.high()).isGreaterThan(effect.neededEffect());
        assertThat(noisy.reason()).contains("neither rules out the effect the WIG needs");
    }

    @Test
    void aLiftClearlyBelowWhatTheWigNeeds_isReplace_evenThoughTheLagMoves() {
        LeadMeasureVerdict.Answer small = verdict(activities(18, 3, 5, "yes"),
                withBaseline(new int[]{10, 10, 10}, 12, 12, 12, 12));
        assertThat(small.lag().effect().low()).isPositive();
        assertThat(small.lag().effect().decision()).isEqualTo(LagEffect.Decision.TOO_SMALL);
        assertThat(small.verdict()).isEqualTo(LeadMeasureVerdict.REPLACE);
    }

    @Test
    void withoutReadingsBeforeTheActivation_thereIsNoBaseline_andNoReplace() {
        LeadMeasureVerdict.Answer answer = verdict(activities(18, 3, 5, "yes"), readings(10, 11, 9, 10, 11));
        assertThat(answer.verdict()).isEqualTo(LeadMeasureVerdict.INSUFFICIENT);
        assertThat(answer.lag().effect().decision()).isEqualTo(LagEffect.Decision.NO_BASELINE);
        assertThat(answer.reason()).contains("no baseline");
    }

    /** Months in which the lead measure was not carried out at target say nothing about it and are not judged. */
    @Test
    void onlyMonthsWithTheLeadMeasureAtTarget_areJudged() {
        List<ActivityFact> lateStart = new ArrayList<>(activities(18, 3, 5, "yes"));
        // March and April: one activity a week (the one at 9:00), far below the target of 3
        lateStart.removeIf(a -> a.carriedOutAt().isBefore(Instant.parse("2026-04-27T00:00:00Z"))
                && a.carriedOutAt().atZone(java.time.ZoneOffset.UTC).getHour() != 9);
        LeadMeasureVerdict.Answer answer = verdict(lateStart, withBaseline(new int[]{10, 11, 9}, 10, 10, 20, 21, 22));
        assertThat(answer.lag().effect().notJudged()).containsEntry("2026-03", LagEffect.NOT_AT_TARGET)
                .containsEntry("2026-04", LagEffect.NOT_AT_TARGET);
        assertThat(answer.lag().effect().judged()).containsOnlyKeys("2026-05", "2026-06");
        assertThat(answer.lag().effect().decision()).isEqualTo(LagEffect.Decision.TOO_FEW);
    }

    @Test
    void aWigGoingDown_countsAFallAsTheWigsWay() {
        List<ActivityFact> good = activities(18, 3, 5, "yes");
        GoalFacts.Wig down = new GoalFacts.Wig(wig, null, null, null, "Fewer", "m", "u", BigDecimal.valueOf(30),
                BigDecimal.TEN, LocalDate.parse("2025-12-01"), LocalDate.parse("2026-12-31"), "month", "active");
        LeadMeasureVerdict.Answer falling = verdict(good, withBaseline(new int[]{30, 31, 29}, 20, 19, 21, 20, 21), null,
                down);
        assertThat(falling.lag().direction()).isEqualTo("down");
        assertThat(falling.lag().effect().effect()).isEqualTo(10.0);
        assertThat(falling.verdict()).isEqualTo(LeadMeasureVerdict.KEEP);
        LeadMeasureVerdict.Answer rising = verdict(good, withBaseline(new int[]{30, 31, 29}, 31, 30, 30, 31, 30), null,
                down);
        assertThat(rising.verdict()).isEqualTo(LeadMeasureVerdict.REPLACE);
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
        TreeMap<String, BigDecimal> rising = withBaseline(new int[]{10, 11, 9}, 20, 22, 24, 26, 25);

        LeadMeasureVerdict.Answer onTheSecond = verdict(good, rising, LocalDate.parse("2026-07-02"));
        assertThat(onTheSecond.verdict()).isEqualTo(LeadMeasureVerdict.KEEP);
        assertThat(onTheSecond.execution().inProgress()).isEqualTo("2026-07");
        assertThat(onTheSecond.execution().periods()).extracting(LeadMeasureVerdict.Period::period)
                .containsExactly("2026-03", "2026-04", "2026-05", "2026-06");
        // the lag's July reading is shown and not judged while July is in progress
        assertThat(onTheSecond.lag().effect().notJudged()).containsEntry("2026-07", LagEffect.IN_PROGRESS);
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
                Map.of(a, "A", b, "B"), DEFAULTS, ZONE, DesignEffectiveness.Granularity.DESIGN), Map.of(), DEFAULTS);
        assertThat(best).extracting(BestDesigns.SegmentBest::segment).containsExactly("call-centre", "small-6-30");
        assertThat(best.get(0).status()).isEqualTo(BestDesigns.BEST);
        assertThat(best.get(0).best().designId()).isEqualTo(b);
        // B recruits 2 per activity against A's 0.5: the ratio and the interval the decision used lie above 1
        assertThat(best.get(0).comparison().rateRatio()).isCloseTo(3.8, org.assertj.core.data.Offset.offset(0.3));
        assertThat(best.get(0).comparison().low()).isGreaterThan(1);
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

    /** A team is only ever told to plan what it can: no retired design, each at its current version. */
    @Test
    void theRecommendation_leavesRetiredDesignsOut_namesCurrentVersions_andExploresUntriedOnes() {
        UUID retired = UUID.randomUUID();
        UUID revised = UUID.randomUUID();
        UUID untried = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        List<ActivityFact> facts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            facts.add(designActivity(retired, "call-centre", 3)); // the better one, but retired
            facts.add(designActivity(revised, "call-centre", i % 2));
        }
        Map<UUID, Design> catalogue = Map.of(
                retired, new Design(retired, "Retired", "visit", List.of("call-centre"), 2, true),
                revised, new Design(revised, "Revised", "visit", List.of("call-centre"), 3, false),
                untried, new Design(untried, "Untried", "visit", List.of("call-centre"), 1, false),
                elsewhere, new Design(elsewhere, "Elsewhere", "visit", List.of("small-6-30"), 1, false));

        BestDesigns.SegmentBest answer = BestDesigns.of(DesignEffectiveness.arms(facts, "membersRecruited", Map.of(),
                DEFAULTS, ZONE, DesignEffectiveness.Granularity.DESIGN), catalogue, DEFAULTS).get(0);

        assertThat(answer.recommendation().allocation()).extracting(BestDesigns.Allocation::designId)
                .containsExactlyInAnyOrder(revised, untried);
        assertThat(answer.recommendation().allocation()).filteredOn(a -> a.designId().equals(revised))
                .extracting(BestDesigns.Allocation::designVersion).containsExactly(3);
        assertThat(answer.recommendation().allocation()).filteredOn(a -> a.designId().equals(untried))
                .extracting(BestDesigns.Allocation::tried).containsExactly(false);
        assertThat(answer.recommendation().useDesign()).doesNotContain(retired.toString());
        assertThat(answer.recommendation().reasoning()).doesNotContain("Retired");
        assertThat(answer.candidates()).filteredOn(c -> c.designId().equals(retired))
                .extracting(BestDesigns.Candidate::status).containsExactly("retired");
        assertThat(answer.best()).isNull();
    }

    @Test
    void whenEveryDesignTriedIsRetired_onlyTheUntriedOnesTargetingTheSegment_areRecommended_elseNone() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID untried = UUID.randomUUID();
        List<ActivityFact> facts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            facts.add(designActivity(a, "call-centre", 1));
            facts.add(designActivity(b, "call-centre", 2));
        }
        List<DesignEffectiveness.Arm> arms = DesignEffectiveness.arms(facts, "membersRecruited", Map.of(), DEFAULTS,
                ZONE, DesignEffectiveness.Granularity.DESIGN);
        Design retiredA = new Design(a, "A", "visit", List.of("call-centre"), 1, true);
        Design retiredB = new Design(b, "B", "visit", List.of("call-centre"), 1, true);

        BestDesigns.SegmentBest withUntried = BestDesigns.of(arms, Map.of(a, retiredA, b, retiredB, untried,
                new Design(untried, "New", "visit", List.of("call-centre"), 2, false)), DEFAULTS).get(0);
        assertThat(withUntried.status()).isEqualTo(BestDesigns.INSUFFICIENT);
        assertThat(withUntried.recommendation().useDesign()).isEqualTo(untried + "@v2");
        assertThat(withUntried.recommendation().allocation()).extracting(BestDesigns.Allocation::designId)
                .containsExactly(untried);

        BestDesigns.SegmentBest none = BestDesigns.of(arms, Map.of(a, retiredA, b, retiredB), DEFAULTS).get(0);
        assertThat(none.status()).isEqualTo(BestDesigns.NO_DESIGN);
        assertThat(none.recommendation().useDesign()).isNull();
        assertThat(none.recommendation().allocation()).isEmpty();
        assertThat(none.candidates()).extracting(BestDesigns.Candidate::status).containsOnly("retired");
    }

    /** A design tried a few times is explored alongside; it does not turn a settled segment back to insufficient. */
    @Test
    void aNewDesignWithFewActivities_doesNotEraseTheAnswerTheEstablishedDesignsGive() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID newcomer = UUID.randomUUID();
        List<ActivityFact> facts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            facts.add(designActivity(a, "call-centre", i % 2));
            facts.add(designActivity(b, "call-centre", 2));
        }
        for (int i = 0; i < 3; i++) {
            facts.add(designActivity(newcomer, "call-centre", 4));
        }
        BestDesigns.SegmentBest answer = BestDesigns.of(DesignEffectiveness.arms(facts, "membersRecruited", Map.of(),
                DEFAULTS, ZONE, DesignEffectiveness.Granularity.DESIGN), Map.of(), DEFAULTS).get(0);

        assertThat(answer.status()).isEqualTo(BestDesigns.BEST);
        assertThat(answer.best().designId()).isEqualTo(b);
        assertThat(answer.candidates()).filteredOn(c -> c.designId().equals(newcomer))
                .extracting(BestDesigns.Candidate::status).containsExactly("exploring");
        assertThat(answer.recommendation().allocation()).filteredOn(x -> x.designId().equals(newcomer))
                .allSatisfy(x -> assertThat(x.share()).isGreaterThanOrEqualTo(0.1));
    }

    /**
     * With exposure {@code employees}, a design used at larger workplaces is not better for it: A at workplaces of
     * 10 recruits 1 a visit, B at workplaces of 40 recruits 4, the same per employee.
     */
    @Test
    void exposureEmployees_ratesPerActivityAtAnAverageWorkplace_soLargerWorkplacesDoNotMakeADesignBetter() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<ActivityFact> facts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            facts.add(sized(designActivity(a, "call-centre", 1), 10));
            facts.add(sized(designActivity(b, "call-centre", 4), 40));
        }
        Thresholds perEmployee = DEFAULTS.withExposure(EvidenceConfig.Exposure.EMPLOYEES);
        List<DesignEffectiveness.Arm> byVisit = DesignEffectiveness.arms(facts, "membersRecruited", Map.of(), DEFAULTS,
                ZONE, DesignEffectiveness.Granularity.DESIGN);
        List<DesignEffectiveness.Arm> bySize = DesignEffectiveness.arms(facts, "membersRecruited", Map.of(),
                perEmployee, ZONE, DesignEffectiveness.Granularity.DESIGN);

        assertThat(BestDesigns.of(byVisit, Map.of(), DEFAULTS).get(0).status()).isEqualTo(BestDesigns.BEST);
        // mean size 25: A's visits count 0.4 each, B's 1.6; both recruit 2.5 per visit at a workplace of 25
        assertThat(bySize).extracting(arm -> arm.outcomePerActivity().observed()).containsOnly(2.5);
        assertThat(BestDesigns.of(bySize, Map.of(), perEmployee).get(0).status()).isEqualTo(BestDesigns.INSUFFICIENT);
    }

    private static ActivityFact sized(ActivityFact a, int employees) {
        return new ActivityFact(a.activityId(), a.teamId(), a.unitId(), a.activityType(), a.leadMeasureId(),
                a.designId(), a.designVersion(), a.segment(), a.carriedOutAt(), a.intentionReached(), a.outcomes(),
                a.quality(), employees);
    }

    /** Counts that vary more than Poisson counts widen the posterior: the same mean, a wider interval. */
    @Test
    void overdispersedCounts_widenTheInterval() {
        UUID steady = UUID.randomUUID();
        UUID lumpy = UUID.randomUUID();
        List<ActivityFact> facts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            facts.add(designActivity(steady, "call-centre", 2));
            facts.add(designActivity(lumpy, "call-centre", i % 4 == 0 ? 8 : 0));
        }
        List<DesignEffectiveness.Arm> arms = DesignEffectiveness.arms(facts, "membersRecruited", Map.of(), DEFAULTS,
                ZONE);
        DesignEffectiveness.Arm s = arms.stream().filter(x -> x.designId().equals(steady)).findFirst().orElseThrow();
        DesignEffectiveness.Arm l = arms.stream().filter(x -> x.designId().equals(lumpy)).findFirst().orElseThrow();
        assertThat(s.dispersion()).isZero();
        assertThat(l.dispersion()).isGreaterThan(5);
        assertThat(l.outcomePerActivity().observed()).isEqualTo(s.outcomePerActivity().observed());
        assertThat(l.outcomePerActivity().high() - l.outcomePerActivity().low())
                .isGreaterThan(2 * (s.outcomePerActivity().high() - s.outcomePerActivity().low()));
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

    /** Readings of December 2025 to February 2026 ({@code before}), then from March 2026 ({@code after}). */
    private static TreeMap<String, BigDecimal> withBaseline(int[] before, int... after) {
        TreeMap<String, BigDecimal> readings = readings(after);
        for (int i = 0; i < before.length; i++) {
            readings.put(java.time.YearMonth.of(2026, 3).minusMonths(before.length - i).toString(),
                    BigDecimal.valueOf(before[i]));
        }
        return readings;
    }

    private LeadMeasureVerdict.Answer verdict(List<ActivityFact> activities, TreeMap<String, BigDecimal> readings) {
        return verdict(activities, readings, null);
    }

    private LeadMeasureVerdict.Answer verdict(List<ActivityFact> activities, TreeMap<String, BigDecimal> readings,
                                              LocalDate today) {
        return verdict(activities, readings, today, new GoalFacts.Wig(wig, null, null, null, "Grow", "m", "u",
                BigDecimal.TEN, BigDecimal.valueOf(30), LocalDate.parse("2025-12-01"), LocalDate.parse("2026-12-31"),
                "month", "active"));
    }

    /** The lead measure is active from 1 March 2026 (Stockholm), a target of 3 a week. */
    private LeadMeasureVerdict.Answer verdict(List<ActivityFact> activities, TreeMap<String, BigDecimal> readings,
                                              LocalDate today, GoalFacts.Wig theWig) {
        GoalFacts.LeadMeasureEvidence evidence = new GoalFacts.LeadMeasureEvidence(new GoalFacts.LeadMeasure(lead, wig,
                null, null, "Visits", "visit", 3, "active", Instant.parse("2026-02-28T23:00:00Z"), null), theWig,
                readings, Map.of(), activities);
        return LeadMeasureVerdict.of(evidence, List.of(evidence), DEFAULTS, ZONE, today);
    }
}
