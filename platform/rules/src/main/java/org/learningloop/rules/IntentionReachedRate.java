package org.learningloop.rules;

import org.learningloop.contracts.activity.IntentionReached;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Optional;

/**
 * How far a set of activities reached their intention: the one meaning of {@code partly} (issue 18). learning-service's
 * APT digest ({@code intentionReachedShare}) and reporting-service's evidence reports (the intention-reached rate and
 * the verdict) weigh each answer with it, so a design's intention reached reads the same wherever a team looks.
 * <p>
 * {@code yes} weighs 1, {@code no} 0 and {@code partly} ½: a partly reached intention is neither reached nor missed,
 * so it counts half of each. The reports' Beta–Binomial model takes it as half a success (a fractional success is a
 * valid Beta pseudo-count, ADR 10), and the digest's share is that model's observed rate. Activities without an
 * answer are left out, not counted as missed.
 * <p>
 * Plain Java: the answers come in, nothing reads a database.
 */
public final class IntentionReachedRate {

    private static final BigDecimal HALF = new BigDecimal("0.5");

    private IntentionReachedRate() {
    }

    /** An answer as a success count: {@code yes} 1, {@code partly} ½, {@code no} 0. */
    public static double weight(IntentionReached answer) {
        return exactWeight(answer).doubleValue();
    }

    /**
     * The answer an event or a read model holds in its published form ({@code yes}, {@code partly}, {@code no});
     * {@code null} for {@code null} (not recorded) or anything else.
     */
    public static IntentionReached answer(String published) {
        if (published == null) {
            return null;
        }
        return switch (published) {
            case "yes" -> IntentionReached.YES;
            case "partly" -> IntentionReached.PARTLY;
            case "no" -> IntentionReached.NO;
            default -> null;
        };
    }

    /**
     * The share of {@code answers} that reached the intention, {@code partly} counting half:
     * (yes + ½·partly) / (yes + partly + no), rounded half-up to {@code scale} decimals; empty when there is no
     * answer.
     */
    public static Optional<BigDecimal> share(Collection<IntentionReached> answers, int scale) {
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal reached = answers.stream().map(IntentionReachedRate::exactWeight)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of(reached.divide(BigDecimal.valueOf(answers.size()), scale, RoundingMode.HALF_UP));
    }

    private static BigDecimal exactWeight(IntentionReached answer) {
        return switch (answer) {
            case YES -> BigDecimal.ONE;
            case PARTLY -> HALF;
            case NO -> BigDecimal.ZERO;
        };
    }
}
