package org.learningloop.goal.wig;

import org.learningloop.contracts.goal.Cadence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading periods: ISO weeks ({@code 2026-W48}) for weekly lag measures, months ({@code 2026-11})
 * for monthly ones, in the organisation's time zone. Their text sorts in time order.
 */
public final class Periods {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    private Periods() {
    }

    /** The first day of {@code period}, if it is a valid period of {@code cadence}. */
    public static Optional<LocalDate> start(String period, Cadence cadence) {
        if (period == null) {
            return Optional.empty();
        }
        try {
            if (cadence == Cadence.WEEK) {
                Matcher week = WEEK.matcher(period);
                if (!week.matches()) {
                    return Optional.empty();
                }
                int year = Integer.parseInt(week.group(1));
                int number = Integer.parseInt(week.group(2));
                LocalDate mid = LocalDate.of(year, 6, 1);
                if (number < 1 || number > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    return Optional.empty();
                }
                return Optional.of(mid.with(IsoFields.WEEK_BASED_YEAR, year)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            }
            Matcher month = MONTH.matcher(period);
            return month.matches() ? Optional.of(YearMonth.parse(period).atDay(1)) : Optional.empty();
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The period of {@code cadence} that contains {@code instant} in {@code zone}. */
    public static String of(Instant instant, ZoneId zone, Cadence cadence) {
        return of(LocalDate.ofInstant(instant, zone), cadence);
    }

    /** The period of {@code cadence} that contains {@code date}. */
    public static String of(LocalDate date, Cadence cadence) {
        if (cadence == Cadence.WEEK) {
            return String.format("%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        return YearMonth.from(date).toString();
    }

    /** An example period of {@code cadence}, for error messages. */
    public static String example(Cadence cadence) {
        return cadence == Cadence.WEEK ? "2026-W48" : "2026-11";
    }
}
