package org.learningloop.platform.messaging;

import io.vertx.pgclient.PgException;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.observability.LoopMetrics;

/**
 * Which failures make a record poison, and what its dead letter says (ADR 6): the one judgement of the platform's
 * {@code Inbox} and of reporting-service's projection runner. A poison record is dead-lettered and skipped; any
 * other failure is retried with {@link Backoff}.
 */
public final class Poison {

    /** Who refuses the Inbox's effects: "Refused by the domain: …". */
    public static final String DOMAIN = "the domain";

    /**
     * Why a record is poison.
     *
     * @param kind   the {@code reason} tag of {@code loop_consumer_dead_letters_total}: one of
     *               {@link LoopMetrics#UNDECODABLE}, {@link LoopMetrics#REFUSED}, {@link LoopMetrics#CANNOT_APPLY}
     * @param reason the dead letter's {@code dead-letter-reason} (the Inbox puts its consumer's name in front)
     */
    public record Verdict(String kind, String reason) {
    }

    private Poison() {
    }

    /**
     * Failures that the same event would meet again on every retry: a command the domain refuses
     * ({@link CommandRejected}), a payload that decodes but lacks what the effect needs (a null where a value must
     * be), a value the database refuses as data (SQLSTATE 22xxx, 23xxx), a statement the database refuses for the
     * rows it meets (21xxx, cardinality: an upsert that would change a row twice, a subquery that finds two rows where
     * one may be). A unique or exclusion violation is not among them: a concurrent writer may have caused it.
     */
    public static boolean deterministic(Throwable failure) {
        if (failure instanceof CommandRejected || failure instanceof NullPointerException
                || failure instanceof ClassCastException || failure instanceof IllegalArgumentException) {
            return true;
        }
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("21") || state.startsWith("22")
                    || (state.startsWith("23") && !"23505".equals(state) && !"23P01".equals(state));
        }
        return false;
    }

    /**
     * The verdict on a {@link #deterministic} failure of an effect: "Refused by {@code refuser}: …" for a
     * {@link CommandRejected}, "The event cannot be applied: …" for the others.
     *
     * @param refuser who refused the command, as the reason names it: {@link #DOMAIN} for the Inbox's effects
     */
    public static Verdict of(Throwable failure, String refuser) {
        return failure instanceof CommandRejected
                ? new Verdict(LoopMetrics.REFUSED, "Refused by " + refuser + ": " + failure.getMessage())
                : new Verdict(LoopMetrics.CANNOT_APPLY, "The event cannot be applied: " + failure);
    }

    /** The verdict on a record that cannot be decoded, {@code why} being the decoder's message. */
    public static Verdict undecodable(String why) {
        return new Verdict(LoopMetrics.UNDECODABLE, why);
    }
}
