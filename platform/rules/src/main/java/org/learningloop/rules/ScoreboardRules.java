package org.learningloop.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The scoreboard's verdicts (shared by every service that shows a scoreboard), "are we winning?", for a WIG's lag measure and for a lead measure's week.
 * Plain Java: dates come in, nothing reads a clock.
 */
public final class ScoreboardRules {

    /** A gap below this (a tenth of the whole way from {@code from} to {@code to}) is losing, not at risk. */
    public static final BigDecimal AT_RISK_GAP = new BigDecimal("-0.1");
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private ScoreboardRules() {
    }

    /** A verdict as shown on the scoreboard. */
    public enum Status {
        WINNING("winning"), AT_RISK("at-risk"), LOSING("losing"), NO_DATA("no-data");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The day a WIG is judged on for the week starting {@code weekStart}: its Sunday, or {@code today} if earlier. */
    public static LocalDate referenceDate(LocalDate weekStart, LocalDate today) {
        LocalDate sunday = weekStart.plusDays(6);
        return today.isBefore(sunday) ? today : sunday;
    }

    /**
     * Where the lag measure should stand on {@code reference} on the straight line from {@code from} at
     * {@code startDate} to {@code to} at {@code deadline}: {@code from} before the start, {@code to} after the deadline.
     */
    public static BigDecimal expectedByNow(BigDecimal from, BigDecimal to, LocalDate startDate, LocalDate deadline,
                                           LocalDate reference) {
        long span = ChronoUnit.DAYS.between(startDate, deadline);
        long elapsed = ChronoUnit.DAYS.between(startDate, reference);
        if (elapsed <= 0) {
            return from;
        }
        if (elapsed >= span) {
            return to;
        }
        BigDecimal fraction = BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(span), PRECISION);
        return from.add(to.subtract(from).multiply(fraction, PRECISION), PRECISION);
    }

    /**
     * The WIG's verdict: gap = (current − expected) / (to − from), positive when ahead whichever way the goal
     * goes. Winning at gap ≥ 0, at risk down to −0.1, losing below; no data without a reading.
     */
    public static Status wigStatus(BigDecimal from, BigDecimal to, BigDecimal expected, BigDecimal current) {
        if (current == null) {
            return Status.NO_DATA;
        }
        BigDecimal way = to.subtract(from);
        if (way.signum() == 0) {
            return current.compareTo(to) == 0 ? Status.WINNING : Status.LOSING;
        }
        BigDecimal gap = current.subtract(expected).divide(way, PRECISION);
        if (gap.signum() >= 0) {
            return Status.WINNING;
        }
        return gap.compareTo(AT_RISK_GAP) >= 0 ? Status.AT_RISK : Status.LOSING;
    }

    /**
     * A lead measure's verdict for the week starting {@code weekStart}, judged on {@code today}. Reached the
     * target: winning. A past week short of it: losing. The current week (or one not begun): at risk while on
     * pace, i.e. actual ≥ target × days begun (Monday = 1 … Sunday = 7) / 7, else losing.
     */
    public static Status leadStatus(int actual, int target, LocalDate weekStart, LocalDate today) {
        if (met(actual, target)) {
            return Status.WINNING;
        }
        long daysBegun = ChronoUnit.DAYS.between(weekStart, today) + 1;
        if (daysBegun > 7) {
            return Status.LOSING;
        }
        return (long) actual * 7 >= (long) target * Math.max(0, daysBegun) ? Status.AT_RISK : Status.LOSING;
    }

    /** Whether a week reached its target. */
    public static boolean met(int actual, int target) {
        return actual >= target;
    }
}
