package org.learningloop.contracts;

import org.learningloop.contracts.goal.Cadence;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The loop's periods, one definition for every service (issue 17): ISO weeks ({@code 2026-W48}, Monday to Sunday,
 * the week-based year's) and calendar months ({@code 2026-11}), of instants in the organisation's time zone. A week
 * belongs to the month of its Thursday (the ISO rule), so every week is in exactly one month. Their text sorts in
 * time order. Pure.
 */
public final class Periods {

    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private Periods() {
    }

    /** The ISO week of {@code instant} in {@code zone}, such as {@code 2026-W48}. */
    public static String week(Instant instant, ZoneId zone) {
        return week(LocalDate.ofInstant(instant, zone));
    }

    /** The ISO week of {@code date}: 1 January 2027, a Friday, is in {@code 2026-W53}. */
    public static String week(LocalDate date) {
        return String.format("%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The month of {@code instant} in {@code zone}, such as {@code 2026-11}. */
    public static String month(Instant instant, ZoneId zone) {
        return month(LocalDate.ofInstant(instant, zone));
    }

    public static String month(LocalDate date) {
        return YearMonth.from(date).toString();
    }

    /** The period of {@code cadence} that contains {@code instant} in {@code zone}. */
    public static String of(Instant instant, ZoneId zone, Cadence cadence) {
        return of(LocalDate.ofInstant(instant, zone), cadence);
    }

    /** The period of {@code cadence} that contains {@code date}. */
    public static String of(LocalDate date, Cadence cadence) {
        return cadence == Cadence.WEEK ? week(date) : month(date);
    }

    /**
     * The first day of {@code period} if it is a period of {@code cadence} that exists (week 53 only in the years that
     * have one); empty otherwise.
     */
    public static Optional<LocalDate> start(String period, Cadence cadence) {
        if (period == null) {
            return Optional.empty();
        }
        try {
            if (cadence == Cadence.WEEK) {
                if (!WEEK.matcher(period).matches()) {
                    return Optional.empty();
                }
                int year = Integer.parseInt(period.substring(0, 4));
                int number = Integer.parseInt(period.substring(6));
                return number >= 1 && number <= weeksIn(year) ? Optional.of(weekStart(period)) : Optional.empty();
            }
            return MONTH.matcher(period).matches() ? Optional.of(YearMonth.parse(period).atDay(1)) : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** How many ISO weeks {@code year} has: 53 when 28 December is in week 53, else 52. */
    public static int weeksIn(int year) {
        return LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    /** Whether the text has the shape of a period: {@code 2026-11} or {@code 2026-W48}. */
    public static boolean isPeriod(String period) {
        return period != null && (WEEK.matcher(period).matches() || MONTH.matcher(period).matches());
    }

    /** The Monday of an ISO week such as {@code 2026-W48} (assumed to exist). */
    public static LocalDate weekStart(String week) {
        int year = Integer.parseInt(week.substring(0, 4));
        int number = Integer.parseInt(week.substring(6));
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The first day of a period: a month {@code 2026-11} or an ISO week {@code 2026-W48}. */
    public static LocalDate periodStart(String period) {
        return period.contains("W") ? weekStart(period) : YearMonth.parse(period).atDay(1);
    }

    /** The first day after a period: the next week's Monday, or the next month's first day. */
    public static LocalDate periodEnd(String period) {
        return period.contains("W") ? weekStart(period).plusWeeks(1) : YearMonth.parse(period).plusMonths(1).atDay(1);
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
        return week(weekStart(week).minusWeeks(1));
    }

    public static String nextMonth(String month) {
        return YearMonth.parse(month).plusMonths(1).toString();
    }

    /** The month an ISO week belongs to: its Thursday's. */
    public static String monthOfWeek(String week) {
        return month(weekStart(week).plusDays(3));
    }

    /** The month a period (an ISO week or a month) belongs to. */
    public static String monthOfPeriod(String period) {
        return period.contains("W") ? monthOfWeek(period) : period;
    }

    /** The ISO weeks whose Thursday falls in {@code month}, in order. */
    public static List<String> weeksOf(String month) {
        YearMonth ym = YearMonth.parse(month);
        LocalDate firstThursday = ym.atDay(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        List<String> weeks = new ArrayList<>();
        for (LocalDate thursday = firstThursday; YearMonth.from(thursday).equals(ym); thursday = thursday.plusWeeks(1)) {
            weeks.add(week(thursday));
        }
        return weeks;
    }

    /** An example period of {@code cadence}, for error messages. */
    public static String example(Cadence cadence) {
        return cadence == Cadence.WEEK ? "2026-W48" : "2026-11";
    }
}
