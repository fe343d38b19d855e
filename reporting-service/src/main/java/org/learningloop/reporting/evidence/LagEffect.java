package org.learningloop.reporting.evidence;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.StatUtils;
import org.learningloop.contracts.Periods;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What carrying out a lead measure did to its WIG's lag measure: the lift of the lag's readings in the periods
 * in which the lead measure was carried out at target over its readings before the lead measure was activated
 * (the team's own baseline, from data), with a t-based interval, set against the effect the WIG needs.
 *
 * <p>The lift is judged, not the WIG's {@code from}: {@code from} is a target-setting number and says nothing
 * about what the lag did without the lead measure. Periods that straddle the activation, periods in which the
 * lead measure was not carried out at target and the period in progress are shown but never judged: a lag that
 * did not move while the lead measure was not done says nothing about the lead measure.
 *
 * <p>The decision is three-way, so that absence of evidence is never read as evidence of absence:
 * {@link Decision#MOVES} when the interval lies wholly above zero (the WIG's way); {@link Decision#TOO_SMALL}
 * when it lies wholly below the needed effect (the lead measure cannot be what moves the WIG, even if it moves
 * the lag a little); otherwise {@link Decision#UNDECIDED}, with how many more judged readings would decide if
 * the readings keep their spread.
 *
 * @param baseline          readings of the periods that ended before the lead measure was activated
 * @param judged            readings of complete periods after activation with the lead measure at target
 * @param notJudged         the other periods with a reading after the baseline, each with the reason
 * @param baselineMean      mean of {@code baseline}; {@code null} without one
 * @param effect            judged mean minus baseline mean, signed so that the WIG's way is positive
 * @param low               lower end of the effect's interval at {@code level}
 * @param high              upper end of the effect's interval
 * @param neededEffect      the effect the WIG needs from one lead measure: {@code minimalEffectShare} of
 *                          {@code |to − from|}; {@code null} when the WIG has no {@code from} and {@code to}
 * @param additionalReadings judged readings still needed to decide while undecided; {@code null} when no number
 *                          of readings after activation would (more baseline readings are needed) or when decided
 */
public record LagEffect(SortedMap<String, BigDecimal> baseline,
                        SortedMap<String, BigDecimal> judged, SortedMap<String, String> notJudged,
                        Double baselineMean, Double judgedMean, Double effect, Double low, Double high, double level,
                        Double neededEffect, Decision decision, Integer additionalReadings) {

    /** Largest number of further readings {@link #additionalReadings} looks for. */
    static final int MAX_ADDITIONAL = 120;

    public enum Decision {
        /** The interval of the effect lies above zero: the lag moves the WIG's way while the lead measure is done. */
        MOVES,
        /** The interval lies below the needed effect: whatever the lead measure does, it is not enough. */
        TOO_SMALL,
        /** Neither: the data cannot tell yet. */
        UNDECIDED,
        /** No reading before the activation: nothing to compare with. */
        NO_BASELINE,
        /** Fewer judged (or baseline) readings than the thresholds ask for. */
        TOO_FEW
    }

    /** The reason a period after the baseline is not judged. */
    static final String STRADDLES_ACTIVATION = "straddles the activation";
    static final String IN_PROGRESS = "in progress";
    static final String NOT_AT_TARGET = "lead measure not carried out at target";

    /**
     * @param readings     the WIG's lag readings by period (a month {@code 2026-10} or an ISO week)
     * @param activatedOn  the first day the lead measure was active (in the organisation's zone)
     * @param today        the day the verdict is read; {@code null} counts every period as complete
     * @param atTarget     whether the lead measure was carried out at target in a period
     * @param up           whether the WIG's way is up ({@code to ≥ from})
     * @param needed       the needed effect, or {@code null}
     */
    static LagEffect of(SortedMap<String, BigDecimal> readings, LocalDate activatedOn, LocalDate today,
                        Predicate<String> atTarget, boolean up, Double needed, Thresholds t) {
        TreeMap<String, BigDecimal> baseline = new TreeMap<>();
        TreeMap<String, BigDecimal> judged = new TreeMap<>();
        TreeMap<String, String> notJudged = new TreeMap<>();
        readings.forEach((period, value) -> {
            if (!Periods.isPeriod(period)) {
                return;
            }
            LocalDate start = Periods.periodStart(period);
            LocalDate end = Periods.periodEnd(period);
            if (activatedOn == null) {
                notJudged.put(period, NOT_AT_TARGET);
            } else if (!end.isAfter(activatedOn)) {
                baseline.put(period, value);
            } else if (start.isBefore(activatedOn)) {
                notJudged.put(period, STRADDLES_ACTIVATION);
            } else if (today != null && end.isAfter(today)) {
                notJudged.put(period, IN_PROGRESS);
            } else if (atTarget.test(period)) {
                judged.put(period, value);
            } else {
                notJudged.put(period, NOT_AT_TARGET);
            }
        });
        double[] before = values(baseline);
        double[] after = values(judged);
        Double baselineMean = before.length == 0 ? null : StatUtils.mean(before);
        Double judgedMean = after.length == 0 ? null : StatUtils.mean(after);
        if (before.length == 0) {
            return new LagEffect(baseline, judged, notJudged, null, round(judgedMean), null,
                    null, null, t.intervalLevel(), needed, Decision.NO_BASELINE, null);
        }
        if (before.length < t.minBaselineReadings() || after.length < t.minLagReadings()) {
            return new LagEffect(baseline, judged, notJudged, round(baselineMean),
                    round(judgedMean), judgedMean == null ? null : round(sign(up) * (judgedMean - baselineMean)),
                    null, null, t.intervalLevel(), needed, Decision.TOO_FEW, null);
        }
        double effect = sign(up) * (judgedMean - baselineMean);
        double spread = pooledSd(before, after);
        double half = halfWidth(spread, before.length, after.length, t.intervalLevel());
        double low = effect - half;
        double high = effect + half;
        Decision decision = needed != null && high < needed ? Decision.TOO_SMALL
                : low > 0 ? Decision.MOVES : Decision.UNDECIDED;
        Integer more = decision == Decision.UNDECIDED
                ? additional(effect, spread, before.length, after.length, needed, t.intervalLevel()) : null;
        return new LagEffect(baseline, judged, notJudged, round(baselineMean), round(judgedMean),
                round(effect), round(low), round(high), t.intervalLevel(), needed, decision, more);
    }

    /**
     * The fewest further judged readings with which the interval, at the same spread and effect, would lie
     * wholly above zero or wholly below the needed effect; {@code null} when none up to {@link #MAX_ADDITIONAL}
     * would (the baseline's few readings bound the interval's width).
     */
    static Integer additional(double effect, double spread, int baseline, int judged, Double needed, double level) {
        for (int more = 1; more <= MAX_ADDITIONAL; more++) {
            double half = halfWidth(spread, baseline, judged + more, level);
            if (effect - half > 0 || (needed != null && effect + half < needed)) {
                return more;
            }
        }
        return null;
    }

    /** Half the width of the two-sample t interval of a difference of means, pooled spread. */
    static double halfWidth(double spread, int n1, int n2, double level) {
        double quantile = new TDistribution(n1 + n2 - 2.0).inverseCumulativeProbability(1 - (1 - level) / 2);
        return quantile * spread * Math.sqrt(1.0 / n1 + 1.0 / n2);
    }

    /** The pooled standard deviation of two samples (n1 + n2 − 2 degrees of freedom). */
    static double pooledSd(double[] a, double[] b) {
        double squares = (a.length - 1) * StatUtils.variance(a) + (b.length - 1) * StatUtils.variance(b);
        return Math.sqrt(squares / (a.length + b.length - 2));
    }

    private static double[] values(SortedMap<String, BigDecimal> readings) {
        return readings.values().stream().mapToDouble(BigDecimal::doubleValue).toArray();
    }

    private static int sign(boolean up) {
        return up ? 1 : -1;
    }

    private static Double round(Double value) {
        return value == null ? null : DesignEffectiveness.round(value);
    }

    /** Whether a period had the lead measure at target: enough of its ISO weeks reached the weekly target. */
    static Predicate<String> atTarget(Map<String, Integer> actualByWeek, int weeklyTarget, double minShare) {
        return period -> {
            List<String> weeks = period.contains("W") ? List.of(period) : Periods.weeksOf(period);
            long met = weeks.stream().filter(w -> actualByWeek.getOrDefault(w, 0) >= weeklyTarget).count();
            return !weeks.isEmpty() && (double) met / weeks.size() >= minShare;
        };
    }
}
