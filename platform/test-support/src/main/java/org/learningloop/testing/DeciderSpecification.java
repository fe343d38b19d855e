package org.learningloop.testing;

import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.Decider;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Given events, when a command, then events or a rejection: a decider specified as a story.
 *
 * <pre>{@code
 * DeciderSpecification.of(new WigDecider())
 *     .given(wigDefined)
 *     .when(new RecordLagReading(...))
 *     .then(new LagReadingRecorded(...));
 * }</pre>
 */
public final class DeciderSpecification<C, E, S> {

    private final Decider<C, E, S> decider;
    private List<E> history = List.of();

    private DeciderSpecification(Decider<C, E, S> decider) {
        this.decider = decider;
    }

    public static <C, E, S> DeciderSpecification<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderSpecification<>(decider);
    }

    @SafeVarargs
    public final DeciderSpecification<C, E, S> given(E... events) {
        this.history = Arrays.asList(events);
        return this;
    }

    public When when(C command) {
        return new When(command);
    }

    /** The command under test, waiting for its expectation. */
    public final class When {
        private final C command;

        private When(C command) {
            this.command = command;
        }

        /** The command produces exactly these events, in this order. */
        @SafeVarargs
        public final S then(E... expected) {
            S state = decider.fold(history);
            List<E> produced = decider.decide(command, state);
            assertThat(produced).as("events decided for %s", command).containsExactly(expected);
            S after = state;
            for (E event : produced) {
                after = decider.evolve(after, event);
            }
            return after;
        }

        /** The command is refused for {@code reason}, with {@code code}. */
        public CommandRejected thenRejected(CommandRejected.Reason reason, String code) {
            S state = decider.fold(history);
            CommandRejected[] caught = new CommandRejected[1];
            assertThatThrownBy(() -> decider.decide(command, state))
                    .as("rejection of %s", command)
                    .isInstanceOfSatisfying(CommandRejected.class, rejected -> {
                        assertThat(rejected.reason()).isEqualTo(reason);
                        assertThat(rejected.code()).isEqualTo(code);
                        caught[0] = rejected;
                    });
            return caught[0];
        }

        /** The command is refused; {@code check} looks at the rejection. */
        public void thenRejected(Consumer<CommandRejected> check) {
            S state = decider.fold(history);
            assertThatThrownBy(() -> decider.decide(command, state))
                    .isInstanceOfSatisfying(CommandRejected.class, check);
        }
    }
}
