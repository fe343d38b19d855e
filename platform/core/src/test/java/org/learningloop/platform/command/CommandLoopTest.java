package org.learningloop.platform.command;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigEvent;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.Decider;
import org.learningloop.platform.TestDatabase;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.RecordedEvent;
import org.learningloop.platform.observability.LoopMetrics;
import org.learningloop.platform.privacy.TextCipher;
import org.learningloop.platform.privacy.TextKeys;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command loop remembers the states it folded (ADR 24) and reads only what follows them, yet every decision is
 * taken on the stream as stored: after a transaction that rolled back, and after another replica's appends. Writers
 * of one stream take turns on its lock (ADR 25).
 */
class CommandLoopTest {

    /** A lag reading; the state counts them and sums their values (immutable, as every decider's state). */
    record Read(UUID wigId, UUID teamId, int month, BigDecimal value) {
    }

    record Readings(int count, BigDecimal sum) {
    }

    static final class ReadingsDecider implements Decider<Read, WigEvent, Readings> {
        @Override
        public Readings initialState() {
            return new Readings(0, BigDecimal.ZERO);
        }

        @Override
        public List<WigEvent> decide(Read command, Readings state) {
            return List.of(new LagReadingRecorded(command.wigId(), command.teamId(), null,
                    YearMonth.of(2020, 1).plusMonths(command.month()).toString(), command.value()));
        }

        @Override
        public Readings evolve(Readings state, WigEvent event) {
            LagReadingRecorded recorded = (LagReadingRecorded) event;
            return new Readings(state.count() + 1, state.sum().add(recorded.value()));
        }
    }

    private static final Aggregate<Read, WigEvent, Readings> READINGS =
            new Aggregate<>("readings", new ReadingsDecider(), WigEvent.class, GoalEvents.CATALOG);

    private static TestDatabase db;
    private final EventStore store = new EventStore();

    @BeforeAll
    static void database() {
        db = new TestDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private CommandHandler handler(int foldedStates) {
        return new CommandHandler(db.pool(), store, new LoopMetrics(new SimpleMeterRegistry()),
                new TextKeys(new TextCipher("folded-states-test"), "test"), foldedStates);
    }

    @Test
    void givenAnAppendWhoseTransactionRolledBack_whenTheNextCommandComes_thenItDecidesOnTheStreamAsStored() {
        CommandHandler handler = handler(100);
        UUID wig = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        String stream = READINGS.streamId(wig);
        for (int month = 0; month < 3; month++) {
            record(handler, stream, new Read(wig, team, month, BigDecimal.ONE));
        }
        // appended at version 4 and remembered, then refused alongside: the transaction rolls back
        assertThatThrownBy(() -> handler.change(READINGS, wig, new Read(wig, team, 3, BigDecimal.TEN), 3,
                        context(), (tx, decision) -> Uni.createFrom().failure(
                                CommandRejected.ruleViolated("refused-alongside", "refused after the append")))
                .await().indefinitely())
                .isInstanceOf(CommandRejected.class);
        assertThat(store.readStream(db.pool(), stream).await().indefinitely()).hasSize(3);

        // another replica appends the real version 4; then this one takes the next command
        record(handler(100), stream, new Read(wig, team, 4, new BigDecimal("2")));
        Decision<Readings> next = record(handler, stream, new Read(wig, team, 5, new BigDecimal("3")));

        assertThat(next.version()).isEqualTo(5);
        assertThat(next.state()).isEqualTo(new Readings(5, new BigDecimal("8")));
        assertThat(handler.load(READINGS, stream).await().indefinitely().state()).isEqualTo(wholeFold(stream));

        // and after a rollback with nothing appended since, the same
        assertThatThrownBy(() -> handler.change(READINGS, wig, new Read(wig, team, 6, BigDecimal.TEN), 5,
                        context(), (tx, decision) -> Uni.createFrom().failure(
                                CommandRejected.ruleViolated("refused-alongside", "refused after the append")))
                .await().indefinitely())
                .isInstanceOf(CommandRejected.class);
        assertThat(record(handler, stream, new Read(wig, team, 6, BigDecimal.ONE)).state())
                .isEqualTo(new Readings(6, new BigDecimal("9")));
    }

    @Test
    void givenTwoReplicasWritingOneStream_whenEachTakesTurns_thenEachStateIsTheWholeFold() {
        CommandHandler one = handler(100);
        CommandHandler other = handler(100);
        UUID wig = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        String stream = READINGS.streamId(wig);
        for (int month = 0; month < 40; month++) {
            CommandHandler writer = month % 3 == 0 ? other : one;
            Decision<Readings> decision = record(writer, stream, new Read(wig, team, month, BigDecimal.valueOf(month)));
            assertThat(decision.version()).isEqualTo(month + 1);
            assertThat(decision.state()).isEqualTo(wholeFold(stream));
        }
        assertThat(one.load(READINGS, stream).await().indefinitely().state()).isEqualTo(wholeFold(stream));
        assertThat(other.load(READINGS, stream).await().indefinitely().state()).isEqualTo(wholeFold(stream));
    }

    /**
     * Writers of one stream take turns on its lock (ADR 25): 32 commands at once on one stream all commit, none gives
     * up after its retries, and the stream holds versions 1 to 32 (without the lock most of them lose the race to the
     * append more often than they may retry).
     */
    @Test
    void givenManyCommandsAtOnceOnOneStream_thenEachCommits_inTurn() {
        CommandHandler handler = handler(100);
        UUID wig = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        String stream = READINGS.streamId(wig);
        List<Uni<Decision<Readings>>> commands = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            commands.add(handler.handle(READINGS, stream, new Read(wig, team, i, BigDecimal.ONE), Expectation.any(),
                    context()));
        }

        List<Decision<Readings>> decisions = Uni.join().all(commands).andCollectFailures()
                .await().atMost(java.time.Duration.ofSeconds(60));

        assertThat(decisions).extracting(Decision::version).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 32).boxed().toList());
        assertThat(store.readStream(db.pool(), stream).await().indefinitely()).extracting(RecordedEvent::streamVersion)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 32).boxed().toList());
        assertThat(wholeFold(stream)).isEqualTo(new Readings(32, new BigDecimal("32")));
    }

    /**
     * Two transactions that each take two streams, in opposite
     * orders, would wait for each other for ever: PostgreSQL ends one (deadlock detected), and the command loop takes
     * that whole transaction again, so both commit.
     */
    @Test
    void givenTwoTransactionsTakingTwoStreamsInOppositeOrders_whenTheyDeadlock_thenTheOneEndedIsTakenAgain_andBothCommit() {
        CommandHandler handler = handler(100);
        UUID team = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Uni<Void> forwards = both(handler, team, first, second, 1);
        Uni<Void> backwards = both(handler, team, second, first, 2);

        Uni.combine().all().unis(forwards, backwards).discardItems().await().atMost(java.time.Duration.ofSeconds(60));

        assertThat(store.readStream(db.pool(), READINGS.streamId(first)).await().indefinitely()).hasSize(2);
        assertThat(store.readStream(db.pool(), READINGS.streamId(second)).await().indefinitely()).hasSize(2);
    }

    /** One transaction: a reading on {@code one}, a pause that lets the other transaction take its first lock, then on {@code two}. */
    private static Uni<Void> both(CommandHandler handler, UUID team, UUID one, UUID two, int month) {
        return handler.inTransaction(tx -> handler.handleIn(tx, READINGS, READINGS.streamId(one),
                        new Read(one, team, month, BigDecimal.ONE), Expectation.any(), context())
                .onItem().delayIt().by(java.time.Duration.ofMillis(300))
                .chain(() -> handler.handleIn(tx, READINGS, READINGS.streamId(two), new Read(two, team, month, BigDecimal.ONE),
                        Expectation.any(), context())))
                .replaceWithVoid();
    }

    @Test
    void givenACapacity_thenTheLeastRecentlyUsedStreamsGoFirst_andCapacityZeroHoldsNone() {
        FoldedStates states = new FoldedStates(2);
        states.remember("a", new FoldedStates.Folded(READINGS, "A", 1, UUID.randomUUID()));
        states.remember("b", new FoldedStates.Folded(READINGS, "B", 1, UUID.randomUUID()));
        assertThat(states.get(READINGS, "a")).isNotNull();
        states.remember("c", new FoldedStates.Folded(READINGS, "C", 1, UUID.randomUUID()));
        assertThat(states.get(READINGS, "b")).isNull();
        assertThat(states.get(READINGS, "a")).isNotNull();
        assertThat(states.get("another aggregate", "a")).isNull();
        assertThat(states.size()).isEqualTo(2);

        FoldedStates none = new FoldedStates(0);
        none.remember("a", new FoldedStates.Folded(READINGS, "A", 1, UUID.randomUUID()));
        assertThat(none.get(READINGS, "a")).isNull();
    }

    private Decision<Readings> record(CommandHandler handler, String stream, Read read) {
        return handler.handle(READINGS, stream, read, Expectation.any(), context()).await().indefinitely();
    }

    private Readings wholeFold(String stream) {
        List<RecordedEvent> events = store.readStream(db.pool(), stream).await().indefinitely();
        return CommandHandler.fold(READINGS, events).state();
    }

    private static CommandContext context() {
        return CommandContext.of(Instant.parse("2026-11-27T10:00:00Z"), "test");
    }
}
