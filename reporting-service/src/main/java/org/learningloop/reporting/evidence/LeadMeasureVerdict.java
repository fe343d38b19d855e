package org.learningloop.reporting.evidence;

import org.learningloop.contracts.Periods;
import org.learningloop.reporting.evidence.stats.Correlation;
import org.learningloop.reporting.evidence.stats.LinearFit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The lead-measure verdict, following the seed's logic: only once execution is good — lead actuals at target in
 * the most recent weeks, quality and intention reached high and stable over several monthly loop periods — does
 * a lag measure that does not move say the lead measure is wrong. Pure computation over the lead measure's
 * evidence (and its peers': lead measures of the same activity type in other teams).
 *
 * <ol>
 *     <li>fewer weeks with evidence than {@code recentWeeks} → {@code insufficient-evidence};</li>
 *     <li>fewer than {@code minShareOfWeeksOnTarget} of the recent weeks at target → {@code improve-execution};</li>
 *     <li>fewer than {@code minPeriods} monthly periods with activities or {@code minActivities} activities →
 *     {@code insufficient-evidence};</li>
 *     <li>a recent period below {@code minQuality} or {@code minIntentionReached}, or quality falling faster than
 *     {@code maxQualityDeclinePerPeriod} → {@code improve-execution};</li>
 *     <li>the lag ({@link LagEffect}): its readings in complete periods with the lead measure at target against
 *     its readings before the activation. The interval of the lift wholly above zero → {@code keep}; wholly below
 *     the effect the WIG needs ({@code minimalEffectShare} of {@code |to − from|}) → {@code replace}; no baseline,
 *     fewer than {@code minLagReadings} judged or {@code minBaselineReadings} baseline readings, or an interval
 *     that allows both → {@code insufficient-evidence}, with how many more readings would decide. Absence of
 *     evidence is never read as evidence of absence.</li>
 * </ol>
 */
public final class LeadMeasureVerdict {

    public static final String KEEP = "keep";
    public static final String IMPROVE_EXECUTION = "improve-execution";
    public static final String REPLACE = "replace";
    public static final String INSUFFICIENT = "insufficient-evidence";

    private LeadMeasureVerdict() {
    }

    /** A week's lead actual: activities carried out for the lead measure that ISO week plus the manual count. */
    public record Week(String week, int activities, int manual, int actual, int target, boolean met) {
    }

    /** Lead vs target over the recent weeks. */
    public record Lead(int weeklyTarget, String referenceWeek, List<Week> recentWeeks, int weeksOnTarget,
                       double shareOnTarget, boolean onTarget) {
    }

    /** One monthly loop period of execution. */
    public record Period(String period, int activities, int evaluated, Double meanQuality, Double intentionReachedRate) {
    }

    /**
     * Execution quality and intention reached by period, the recent ones and the quality trend.
     *
     * @param periods    the months judged: every month with activities but the one in progress
     * @param inProgress the month in progress, left out of the judgement while an earlier month has activities (a
     *                   month two days old with one activity is no period); {@code null} when none is left out
     */
    public record Execution(int activities, List<Period> periods, List<String> recentPeriods, Double qualitySlope,
                            Double qualitySlopeLow, Double qualitySlopeHigh, boolean high, boolean stable,
                            String inProgress) {
    }

    /**
     * The lag measure as the verdict judges it: the WIG's readings and the lead measure's effect on them
     * ({@link LagEffect}).
     */
    public record Lag(java.util.UUID wigId, String cadence, String direction, Map<String, BigDecimal> readings,
                      LagEffect effect) {
    }

    /**
     * Lagged association: across periods, this lead measure's activities in a period with the lag reading of the
     * next period; across teams, each lead measure of the same activity type's mean weekly actual with its WIG's
     * lag slope. {@code null} coefficients when fewer than 3 pairs.
     */
    public record Association(int periodPairs, Double leadToNextPeriodLag, int teams, Double acrossTeams) {
    }

    /** @param asOf the day the verdict was read as of ({@code null}: today) */
    public record Answer(java.util.UUID leadMeasureId, String name, String activityType, String verdict, String reason,
                         Lead lead, Execution execution, Lag lag, Association association, Thresholds thresholds,
                         LocalDate asOf) {

        Answer asOf(LocalDate day) {
            return new Answer(leadMeasureId, name, activityType, verdict, reason, lead, execution, lag, association,
                    thresholds, day);
        }
    }

    public static Answer of(GoalFacts.LeadMeasureEvidence evidence, List<GoalFacts.LeadMeasureEvidence> peers,
                            Thresholds t, ZoneId zone) {
        return of(evidence, peers, t, zone, null);
    }

    /**
     * The verdict as of {@code today} (in the organisation's zone): the week in progress is not judged while an
     * earlier week has data, so a Monday morning does not count as a week short of its target. {@code null}:
     * every week with data counts.
     */
    public static Answer of(GoalFacts.LeadMeasureEvidence evidence, List<GoalFacts.LeadMeasureEvidence> peers,
                            Thresholds t, ZoneId zone, LocalDate today) {
        GoalFacts.LeadMeasure measure = evidence.leadMeasure();
        int target = measure.weeklyTarget() == null ? 0 : measure.weeklyTarget();
        SortedMap<String, Integer> activitiesByWeek = weekly(evidence, zone);
        Lead lead = lead(evidence, activitiesByWeek, target, t, today == null ? null : Periods.week(today));
        Execution execution = execution(evidence.activities(), t, zone, today);
        Lag lag = lag(evidence, activitiesByWeek, t, zone, today);
        Association association = association(evidence, peers, zone);

        String verdict;
        String reason;
        if (lead == null || allWeeks(evidence, activitiesByWeek) < t.recentWeeks()) {
            verdict = INSUFFICIENT;
            reason = String.format(Locale.ROOT, "Fewer than %d weeks of lead-measure activity or readings.", t.recentWeeks());
        } else if (!lead.onTarget()) {
            verdict = IMPROVE_EXECUTION;
            reason = String.format(Locale.ROOT, "Lead actuals reached the weekly target of %d in %d of the last %d weeks "
                            + "(%.0f%% < %.0f%%): execute the lead measure before judging it.", target, lead.weeksOnTarget(),
                    lead.recentWeeks().size(), lead.shareOnTarget() * 100, t.minShareOfWeeksOnTarget() * 100);
        } else if (execution.periods().size() < t.minPeriods() || execution.activities() < t.minActivities()) {
            verdict = INSUFFICIENT;
            reason = String.format(Locale.ROOT, "Execution is judged over at least %d monthly periods and %d activities; "
                    + "there are %d and %d.", t.minPeriods(), t.minActivities(), execution.periods().size(),
                    execution.activities());
        } else if (!execution.high() || !execution.stable()) {
            verdict = IMPROVE_EXECUTION;
            reason = !execution.high()
                    ? String.format(Locale.ROOT, "A recent period's mean quality is below %.1f or its intention-reached "
                    + "rate below %.0f%%: improve how the activities are carried out.", t.minQuality(),
                    t.minIntentionReached() * 100)
                    : String.format(Locale.ROOT, "Execution quality is falling (%.2f per period, more than %.2f).",
                    execution.qualitySlope(), t.maxQualityDeclinePerPeriod());
        } else {
            LagEffect effect = lag.effect();
            verdict = switch (effect.decision()) {
                case MOVES -> KEEP;
                case TOO_SMALL -> REPLACE;
                default -> INSUFFICIENT;
            };
            reason = lagReason(lag, execution, t);
        }
        return new Answer(measure.leadMeasureId(), measure.name(), measure.activityType(), verdict, reason, lead,
                execution, lag, association, t, null);
    }

    static SortedMap<String, Integer> weekly(GoalFacts.LeadMeasureEvidence evidence, ZoneId zone) {
        return evidence.activities().stream().filter(a -> a.carriedOutAt() != null)
                .collect(Collectors.groupingBy(a -> Periods.week(a.carriedOutAt(), zone), TreeMap::new,
                        Collectors.summingInt(a -> 1)));
    }

    private static int allWeeks(GoalFacts.LeadMeasureEvidence evidence, SortedMap<String, Integer> activitiesByWeek) {
        TreeMap<String, Integer> weeks = new TreeMap<>(activitiesByWeek);
        evidence.manualReadings().keySet().forEach(w -> weeks.putIfAbsent(w, 0));
        if (weeks.isEmpty()) {
            return 0;
        }
        return (int) java.time.temporal.ChronoUnit.WEEKS.between(Periods.weekStart(weeks.firstKey()),
                Periods.weekStart(weeks.lastKey())) + 1;
    }

    /** The recent weeks end at the latest week with an activity or a manual reading (no clock: data may be back-dated). */
    private static Lead lead(GoalFacts.LeadMeasureEvidence evidence, SortedMap<String, Integer> activitiesByWeek,
                             int target, Thresholds t, String currentWeek) {
        TreeMap<String, Integer> weeks = new TreeMap<>(activitiesByWeek);
        evidence.manualReadings().keySet().forEach(w -> weeks.putIfAbsent(w, 0));
        if (weeks.isEmpty()) {
            return null;
        }
        String reference = currentWeek != null && weeks.lowerKey(currentWeek) != null
                ? weeks.headMap(currentWeek).lastKey() : weeks.lastKey();
        List<Week> recent = new ArrayList<>();
        LocalDate start = Periods.weekStart(reference).minusWeeks(t.recentWeeks() - 1L);
        for (int i = 0; i < t.recentWeeks(); i++) {
            String week = Periods.week(start.plusWeeks(i));
            int activities = activitiesByWeek.getOrDefault(week, 0);
            int manual = evidence.manualReadings().getOrDefault(week, 0);
            int actual = activities + manual;
            recent.add(new Week(week, activities, manual, actual, target, actual >= target));
        }
        int met = (int) recent.stream().filter(Week::met).count();
        double share = (double) met / recent.size();
        return new Lead(target, reference, recent, met, share, share >= t.minShareOfWeeksOnTarget());
    }

    static Execution execution(List<ActivityFact> activities, Thresholds t, ZoneId zone) {
        return execution(activities, t, zone, null);
    }

    /**
     * Execution by month as of {@code today}: the month in progress is not judged while an earlier month has
     * activities, as the week in progress is not for the lead ({@code null}: every month counts).
     */
    static Execution execution(List<ActivityFact> activities, Thresholds t, ZoneId zone, LocalDate today) {
        Map<String, List<ActivityFact>> byMonth = activities.stream().filter(a -> a.carriedOutAt() != null)
                .collect(Collectors.groupingBy(a -> Periods.month(a.carriedOutAt(), zone), TreeMap::new,
                        Collectors.toList()));
        List<Period> periods = byMonth.entrySet().stream().map(e -> {
            List<ActivityFact> inPeriod = e.getValue();
            List<ActivityFact> evaluated = inPeriod.stream().filter(a -> a.quality() != null).toList();
            List<ActivityFact> answered = inPeriod.stream().filter(a -> a.intentionReached() != null).toList();
            return new Period(e.getKey(), inPeriod.size(), evaluated.size(),
                    evaluated.isEmpty() ? null : DesignEffectiveness.round(
                            evaluated.stream().mapToDouble(ActivityFact::meanQuality).average().orElseThrow()),
                    answered.isEmpty() ? null : DesignEffectiveness.round(
                            answered.stream().mapToDouble(ActivityFact::intentionSuccess).average().orElseThrow()));
        }).toList();
        String inProgress = null;
        if (today != null && periods.size() > 1
                && periods.get(periods.size() - 1).period().equals(java.time.YearMonth.from(today).toString())) {
            inProgress = periods.get(periods.size() - 1).period();
            periods = periods.subList(0, periods.size() - 1);
        }
        List<Period> recent = periods.subList(Math.max(0, periods.size() - t.minPeriods()), periods.size());
        boolean high = !recent.isEmpty() && recent.stream().allMatch(p -> p.meanQuality() != null
                && p.meanQuality() >= t.minQuality() && p.intentionReachedRate() != null
                && p.intentionReachedRate() >= t.minIntentionReached());
        List<Period> scored = recent.stream().filter(p -> p.meanQuality() != null).toList();
        LinearFit fit = LinearFit.of(scored.stream().mapToDouble(p -> Periods.index(p.period())).toArray(),
                scored.stream().mapToDouble(Period::meanQuality).toArray(), t.intervalLevel());
        Double slope = DesignEffectiveness.round(fit.slope());
        boolean stable = slope == null || slope >= -t.maxQualityDeclinePerPeriod();
        return new Execution(activities.size(), periods, recent.stream().map(Period::period).toList(), slope,
                fit.slopeInterval() == null ? null : DesignEffectiveness.round(fit.slopeInterval().low()),
                fit.slopeInterval() == null ? null : DesignEffectiveness.round(fit.slopeInterval().high()), high, stable,
                inProgress);
    }

    /**
     * The lag judged against the team's own baseline ({@link LagEffect}): periods before activation (or, for a
     * lead measure never activated, before its first activity) against complete periods with the lead measure at
     * target, where a month is at target when {@code minShareOfWeeksOnTarget} of its ISO weeks are.
     */
    static Lag lag(GoalFacts.LeadMeasureEvidence evidence, SortedMap<String, Integer> activitiesByWeek, Thresholds t,
                   ZoneId zone, LocalDate today) {
        GoalFacts.Wig wig = evidence.wig();
        GoalFacts.LeadMeasure measure = evidence.leadMeasure();
        boolean up = wig == null || wig.from() == null || wig.to() == null || wig.to().compareTo(wig.from()) >= 0;
        LocalDate activatedOn = measure.activeFrom() != null ? measure.activeFrom().atZone(zone).toLocalDate()
                : evidence.activities().stream().filter(a -> a.carriedOutAt() != null)
                .map(a -> a.carriedOutAt().atZone(zone).toLocalDate()).min(LocalDate::compareTo).orElse(null);
        Map<String, Integer> actualByWeek = new TreeMap<>(activitiesByWeek);
        evidence.manualReadings().forEach((week, count) -> actualByWeek.merge(week, count, Integer::sum));
        int target = measure.weeklyTarget() == null ? 0 : measure.weeklyTarget();
        Double needed = wig == null || wig.from() == null || wig.to() == null ? null
                : DesignEffectiveness.round(t.minimalEffectShare() * wig.to().subtract(wig.from()).abs().doubleValue());
        LagEffect effect = LagEffect.of(evidence.lagReadings(), activatedOn, today,
                LagEffect.atTarget(actualByWeek, target, t.minShareOfWeeksOnTarget()), up, needed, t);
        return new Lag(wig == null ? null : wig.wigId(), wig == null ? null : wig.cadence(), up ? "up" : "down",
                evidence.lagReadings(), effect);
    }

    private static String lagReason(Lag lag, Execution execution, Thresholds t) {
        LagEffect e = lag.effect();
        String against = String.format(Locale.ROOT, "the lag measure over %d period%s with the lead measure at target "
                        + "(%s) against %d before its activation", e.judged().size(), e.judged().size() == 1 ? "" : "s",
                String.join(", ", e.judged().keySet()), e.baseline().size());
        String interval = e.effect() == null || e.low() == null ? "" : String.format(Locale.ROOT,
                "a lift of %.2f, %.0f%% interval [%.2f, %.2f]%s", e.effect(), e.level() * 100, e.low(), e.high(),
                e.neededEffect() == null ? "" : String.format(Locale.ROOT, ", against the %.2f the WIG needs from "
                        + "it (%.0f%% of the distance from its start to its target)", e.neededEffect(),
                        t.minimalEffectShare() * 100));
        return switch (e.decision()) {
            case MOVES -> String.format(Locale.ROOT, "Execution is good and the lag measure moves %s while the lead "
                    + "measure is carried out: %s, %s.", lag.direction(), against, interval);
            case TOO_SMALL -> String.format(Locale.ROOT, "Execution is good (lead at target, quality and intention "
                    + "reached high and stable over %d periods), and %s shows %s: the lead measure does not move "
                    + "the lag as the WIG needs. Replace it.", execution.recentPeriods().size(), against, interval);
            case UNDECIDED -> String.format(Locale.ROOT, "Execution is good, but %s shows %s: that neither rules "
                            + "out the effect the WIG needs nor shows the lag moving. %s", against, interval,
                    e.additionalReadings() == null ? "More readings after the activation would not decide it: the "
                            + "baseline has too few readings for the lag's spread."
                            : "About " + e.additionalReadings() + " more period" + (e.additionalReadings() == 1 ? "" : "s")
                            + " with the lead measure at target would decide it if the readings keep their spread.");
            case NO_BASELINE -> "Execution is good, but the lag measure has no reading of a period before the lead "
                    + "measure was activated: there is no baseline to judge its effect against. Record the lag's "
                    + "readings of earlier periods (they may be back-dated).";
            case TOO_FEW -> String.format(Locale.ROOT, "Execution is good, but %s: at least %d and %d are needed.",
                    against, t.minLagReadings(), t.minBaselineReadings());
        };
    }

    static Association association(GoalFacts.LeadMeasureEvidence evidence, List<GoalFacts.LeadMeasureEvidence> peers,
                                   ZoneId zone) {
        // across periods: activities of period p (in the lag's cadence) against the lag reading of period p + 1
        boolean weekly = evidence.wig() != null && "week".equals(evidence.wig().cadence());
        Map<Long, Integer> leadByPeriod = new TreeMap<>();
        evidence.activities().stream().filter(a -> a.carriedOutAt() != null).forEach(a -> leadByPeriod.merge(
                Periods.index(weekly ? Periods.week(a.carriedOutAt(), zone) : Periods.month(a.carriedOutAt(), zone)),
                1, Integer::sum));
        evidence.manualReadings().forEach((week, count) -> leadByPeriod.merge(Periods.index(weekly ? week
                : java.time.YearMonth.from(Periods.weekStart(week)).toString()), count, Integer::sum));
        Map<Long, Double> lagByPeriod = new TreeMap<>();
        evidence.lagReadings().forEach((period, value) -> {
            if (Periods.isPeriod(period)) {
                lagByPeriod.put(Periods.index(period), value.doubleValue());
            }
        });
        List<double[]> pairs = new ArrayList<>();
        leadByPeriod.forEach((period, count) -> {
            Double next = lagByPeriod.get(period + 1);
            if (next != null) {
                pairs.add(new double[]{count, next});
            }
        });
        Double acrossPeriods = DesignEffectiveness.round(Correlation.pearson(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray()));
        // across teams: mean weekly actual against lag slope, one point per lead measure of the same activity type
        List<double[]> teams = new ArrayList<>();
        for (GoalFacts.LeadMeasureEvidence peer : peers) {
            SortedMap<String, Integer> weeks = new TreeMap<>(weekly(peer, zone));
            peer.manualReadings().forEach((week, count) -> weeks.merge(week, count, Integer::sum));
            if (weeks.isEmpty() || peer.lagReadings().size() < 3) {
                continue;
            }
            long span = java.time.temporal.ChronoUnit.WEEKS.between(Periods.weekStart(weeks.firstKey()),
                    Periods.weekStart(weeks.lastKey())) + 1;
            double meanWeekly = weeks.values().stream().mapToInt(Integer::intValue).sum() / (double) span;
            Double slope = lagSlope(peer.lagReadings());
            if (slope != null) {
                teams.add(new double[]{meanWeekly, slope});
            }
        }
        Double acrossTeams = DesignEffectiveness.round(Correlation.pearson(teams.stream().mapToDouble(p -> p[0]).toArray(),
                teams.stream().mapToDouble(p -> p[1]).toArray()));
        return new Association(pairs.size(), acrossPeriods, teams.size(), acrossTeams);
    }

    private static Double lagSlope(SortedMap<String, BigDecimal> readings) {
        List<String> periods = readings.keySet().stream().filter(Periods::isPeriod).toList();
        return DesignEffectiveness.round(LinearFit.of(periods.stream().mapToDouble(Periods::index).toArray(),
                periods.stream().mapToDouble(p -> readings.get(p).doubleValue()).toArray(), 0.9).slope());
    }
}
