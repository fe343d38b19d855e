package org.learningloop.reporting.evidence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * Time buckets of the evidence: ISO weeks ({@code 2026-W48}) and calendar months ({@code 2026-11}, one loop
 * iteration: the monthly activity-planning meeting closes one) in the organisation's time zone.
 */
public final class Periods {

    private Periods() {
    }

    public static String isoWeek(Instant instant, ZoneId zone) {
        return isoWeek(instant.atZone(zone).toLocalDate());
    }

    public static String isoWeek(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static String month(Instant instant, ZoneId zone) {
        return YearMonth.from(instant.atZone(zone)).toString();
    }

    /** The Monday of an ISO week {@code 2026-W48}. */
    public static LocalDate weekStart(String week) {
        int year = Integer.parseInt(week.substring(0, 4));
        int number = Integer.parseInt(week.substring(6));
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Whether the text is a period {@code 2026-11} or {@code 2026-W48}. */
    public static boolean isPeriod(String period) {
        return period != null && period.matches("\\d{4}-(W\\d{2}|\\d{2})");
    }

    /** The first day of a lag period: a month {@code 2026-11} or an ISO week {@code 2026-W48}. */
    public static LocalDate periodStart(String period) {
        return period.contains("W") ? weekStart(period) : YearMonth.parse(period).atDay(1);
    }

    /** A period as a number on an even scale: months since 1970-01, or weeks since the ISO week of 1970-01-05. */
    public static long index(String period) {
        if (period.contains("W")) {
            return ChronoUnit.WEEKS.between(LocalDate.of(1970, 1, 5), weekStart(period));
        }
        return ChronoUnit.MONTHS.between(YearMonth.of(1970, 1), YearMonth.parse(period));
    }

    /** The ISO week before {@code week}. */
    public static String previousWeek(String week) {
        return isoWeek(weekStart(week).minusWeeks(1));
    }
}
