package org.learningloop.decider;

import java.util.List;

/**
 * The pure heart of an aggregate: what a command decides given the current state, and how each
 * event changes that state. No framework, no clock, no randomness: time and ids come in with the
 * command, so the same history and command always give the same events.
 *
 * @param <C> the aggregate's commands
 * @param <E> the aggregate's events
 * @param <S> the aggregate's states
 */
public interface Decider<C, E, S> {

    /** The state of a stream that has no events yet. */
    S initialState();

    /**
     * The events that {@code command} causes in {@code state}, in order.
     *
     * @throws CommandRejected when a rule forbids the command
     */
    List<E> decide(C command, S state);

    /** The state after {@code event}. */
    S evolve(S state, E event);

    /** Folds {@code events} from the initial state. */
    default S fold(Iterable<? extends E> events) {
        S state = initialState();
        for (E event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
