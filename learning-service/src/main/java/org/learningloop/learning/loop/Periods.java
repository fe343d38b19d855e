package org.learningloop.learning.loop;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Weeks and months as learning-service counts them: ISO weeks ({@code 2026-W48}) and months
 * ({@code 2026-11}) in the organisation's zone. A week belongs to the month of its Thursday (the ISO
 * rule), so every week is in exactly one month. Their text sorts in time order.
 */
public final class Periods {

    private Periods() {
    }

    public static String week(Instant instant, ZoneId zone) {
        return week(LocalDate.ofInstant(instant, zone));
    }

    public static String week(LocalDate date) {
        return String.format("%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static String month(Instant instant, ZoneId zone) {
        return YearMonth.from(LocalDate.ofInstant(instant, zone)).toString();
    }

    /** The Monday of an ISO week such as {@code 2026-W48} (assumed valid). */
    public static LocalDate weekStart(String week) {
        int year = Integer.parseInt(week.substring(0, 4));
        int number = Integer.parseInt(week.substring(6));
        return LocalDate.of(year, 6, 1).with(IsoFields.WEEK_BASED_YEAR, year)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
    }

    /** The month an ISO week belongs to: its Thursday's. */
    public static String monthOfWeek(String week) {
        return YearMonth.from(weekStart(week).plusDays(3)).toString();
    }

    /** The ISO weeks whose Thursday falls in {@code month}, in order. */
    public static List<String> weeksOf(String month) {
        YearMonth ym = YearMonth.parse(month);
        LocalDate firstThursday = ym.atDay(1).with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        List<String> weeks = new ArrayList<>();
        for (LocalDate thursday = firstThursday; YearMonth.from(thursday).equals(ym); thursday = thursday.plusWeeks(1)) {
            weeks.add(week(thursday));
        }
        return weeks;
    }

    /** The week before {@code week}. */
    public static String previousWeek(String week) {
        return week(weekStart(week).minusWeeks(1));
    }

    public static String nextMonth(String month) {
        return YearMonth.parse(month).plusMonths(1).toString();
    }

    /** The month a lag-reading period (ISO week or month) belongs to. */
    public static String monthOfPeriod(String period) {
        return period.contains("W") ? monthOfWeek(period) : period;
    }
}
