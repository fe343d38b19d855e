package org.learningloop.reporting.evidence;

import org.learningloop.contracts.Periods;
import org.learningloop.rules.LeadMeasureCounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/** Rows of the {@code goal-facts} projection as plain records. */
public final class GoalFacts {

    private GoalFacts() {
    }

    /** A WIG; {@code state} is {@code active}, {@code achieved} or {@code abandoned}. */
    public record Wig(UUID wigId, UUID teamId, UUID unitId, UUID parentWigId, String title, String metric,
                      String measureUnit, BigDecimal from, BigDecimal to, LocalDate startDate, LocalDate deadline,
                      String cadence, String state) {
    }

    /**
     * A lead measure; {@code status} is {@code proposed}, {@code active} or {@code retired}; active from
     * {@code activeFrom} ({@code null} while proposed) until {@code activeUntil} (its retirement).
     */
    public record LeadMeasure(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String name,
                              String activityType, Integer weeklyTarget, String status, Instant activeFrom,
                              Instant activeUntil) {

        /** As the counting rule sees it. */
        public LeadMeasureCounting.LeadMeasure counted() {
            return new LeadMeasureCounting.LeadMeasure(leadMeasureId, teamId, activityType, activeFrom, activeUntil);
        }
    }

    /**
     * A lead measure with everything its verdict needs: its WIG, the WIG's lag readings by period, its manual
     * weekly counts and its carried-out activities.
     */
    public record LeadMeasureEvidence(LeadMeasure leadMeasure, Wig wig, SortedMap<String, BigDecimal> lagReadings,
                                      Map<String, Integer> manualReadings, java.util.List<ActivityFact> activities) {

        /**
         * The evidence as it stood at the end of {@code day} in {@code zone}, by business time: the activities
         * carried out by then, the lag readings of periods begun by then and the manual counts of weeks begun by
         * then. A reading corrected later shows its corrected value (the projections keep facts, not their
         * history).
         */
        public LeadMeasureEvidence asOf(LocalDate day, java.time.ZoneId zone) {
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            SortedMap<String, BigDecimal> readings = new java.util.TreeMap<>();
            lagReadings.forEach((period, value) -> {
                if (!Periods.isPeriod(period) || !Periods.periodStart(period).isAfter(day)) {
                    readings.put(period, value);
                }
            });
            Map<String, Integer> manual = new java.util.TreeMap<>();
            manualReadings.forEach((week, count) -> {
                if (!Periods.weekStart(week).isAfter(day)) {
                    manual.put(week, count);
                }
            });
            return new LeadMeasureEvidence(leadMeasure, wig, readings, manual, carriedOutBefore(activities, end));
        }
    }

    /** The activities carried out before {@code end}. */
    public static java.util.List<ActivityFact> carriedOutBefore(java.util.List<ActivityFact> activities, Instant end) {
        return activities.stream().filter(a -> a.carriedOutAt() != null && a.carriedOutAt().isBefore(end)).toList();
    }
}
