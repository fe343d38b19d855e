package org.learningloop.platform.eventstore;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learningloop.platform.TestEvents.event;

class EventStoreTest {

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

    @Test
    void givenNewStream_whenAppendedTwice_thenReadBackInOrderWithVersionsAndOutboxRows() {
        UUID team = UUID.randomUUID();
        String stream = "thing-" + UUID.randomUUID();

        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0, List.of(event(team, 1), event(team, 2))))
                .await().indefinitely();
        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 2, List.of(event(team, 3))))
                .await().indefinitely();

        List<RecordedEvent> events = store.readStream(db.pool(), stream).await().indefinitely();
        assertThat(events).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(RecordedEvent::payload)
                .containsExactly("{\"sequence\": 1}", "{\"sequence\": 2}", "{\"sequence\": 3}");
        assertThat(events).allSatisfy(e -> assertThat(e.teamId()).isEqualTo(team));
        assertThat(store.readTeam(db.pool(), team, 0, 10).await().indefinitely()).hasSize(3);
        assertThat(outboxRows()).isGreaterThanOrEqualTo(3);
    }

    /** One stream, one key: a stream whose events had two subjects would span partitions and be read out of order. */
    @Test
    void givenAStreamKeyedByOneTeam_whenAnEventWithAnotherSubjectIsAppended_thenRefusedAndNothingStored() {
        UUID team = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String stream = "thing-" + UUID.randomUUID();
        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0, List.of(event(team, 1))))
                .await().indefinitely();

        assertThatThrownBy(() -> db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 1, List.of(event(other, 2))))
                .await().indefinitely())
                .isInstanceOf(StreamKeyChanged.class).hasMessageContaining(stream);
        String fresh = "thing-" + UUID.randomUUID();
        assertThatThrownBy(() -> db.pool().withTransaction(tx -> store.append(tx, "thing", fresh, 0,
                        List.of(event(team, 1), event(other, 2))))
                .await().indefinitely())
                .isInstanceOf(StreamKeyChanged.class);

        assertThat(store.readStream(db.pool(), stream).await().indefinitely()).hasSize(1);
        assertThat(store.readStream(db.pool(), fresh).await().indefinitely()).isEmpty();
        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 1, List.of(event(team, 2))))
                .await().indefinitely();
        assertThat(store.readStream(db.pool(), stream).await().indefinitely()).hasSize(2);
    }

    @Test
    void givenStreamAtVersionTwo_whenAppendingAtVersionOne_thenConflictAndNothingStored() {
        UUID team = UUID.randomUUID();
        String stream = "thing-" + UUID.randomUUID();
        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0, List.of(event(team, 1), event(team, 2))))
                .await().indefinitely();

        assertThatThrownBy(() -> db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 1, List.of(event(team, 3))))
                .await().indefinitely())
                .isInstanceOfSatisfying(StreamConflict.class, conflict -> assertThat(conflict.actualVersion()).isEqualTo(2));
        assertThat(store.readStream(db.pool(), stream).await().indefinitely()).hasSize(2);
    }

    /** An append names the version it follows: one ahead of the stream would leave a gap, so it is a conflict. */
    @Test
    void givenStreamAtVersionOne_whenAppendingAfterVersionThree_thenConflictAndNoGap() {
        UUID team = UUID.randomUUID();
        String stream = "thing-" + UUID.randomUUID();
        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0, List.of(event(team, 1))))
                .await().indefinitely();
        long outboxBefore = outboxRows();

        assertThatThrownBy(() -> db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 3, List.of(event(team, 2))))
                .await().indefinitely())
                .isInstanceOfSatisfying(StreamConflict.class, conflict -> assertThat(conflict.actualVersion()).isEqualTo(1));
        assertThatThrownBy(() -> db.pool().withTransaction(tx -> store.append(tx, "thing", "thing-" + UUID.randomUUID(), 1,
                        List.of(event(team, 1))))
                .await().indefinitely())
                .isInstanceOfSatisfying(StreamConflict.class, conflict -> assertThat(conflict.actualVersion()).isZero());

        assertThat(store.readStream(db.pool(), stream).await().indefinitely())
                .extracting(RecordedEvent::streamVersion).containsExactly(1L);
        assertThat(outboxRows()).isEqualTo(outboxBefore);
    }

    @Test
    void givenManyWritersAtOneExpectedVersion_whenTheyAppendAtOnce_thenExactlyOneWins() throws Exception {
        UUID team = UUID.randomUUID();
        String stream = "thing-" + UUID.randomUUID();
        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0, List.of(event(team, 0))))
                .await().indefinitely();
        int writers = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int sequence = i + 1;
            outcomes.add(threads.submit(() -> {
                start.await();
                try {
                    db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 1, List.of(event(team, sequence))))
                            .await().indefinitely();
                    return true;
                } catch (StreamConflict conflict) {
                    return false;
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get() ? 1 : 0;
        }
        threads.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(store.readStream(db.pool(), stream).await().indefinitely())
                .extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
    }

    @Test
    void storedEventsCannotBeChangedDeletedOrTruncated() throws SQLException {
        UUID team = UUID.randomUUID();
        String stream = "thing-" + UUID.randomUUID();
        db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0, List.of(event(team, 1))))
                .await().indefinitely();
        try (Connection connection = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> connection.createStatement()
                    .executeUpdate("update event_store set payload = '{}' where stream_id = '" + stream + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> connection.createStatement()
                    .executeUpdate("delete from event_store where stream_id = '" + stream + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> connection.createStatement().execute("truncate event_store cascade"))
                    .hasMessageContaining("append-only");
        }
        assertThat(store.readStream(db.pool(), stream).await().indefinitely()).hasSize(1);
    }

    @Test
    void givenAnEventTooLargeForTheBroker_whenAppended_thenRefused_andNothingStoredOrDueForPublishing() {
        UUID team = UUID.randomUUID();
        String stream = "thing-" + UUID.randomUUID();
        String text = "x".repeat(EventStore.MAX_EVENT_BYTES);
        NewEvent large = new NewEvent(UUID.randomUUID(), "test.something-happened", 1, team, null, team.toString(),
                java.time.Instant.parse("2026-11-27T10:00:00Z"), "{\"text\":\"" + text + "\"}", "{}");
        long outboxBefore = outboxRows();

        assertThatThrownBy(() -> db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0,
                List.of(event(team, 1), large))).await().indefinitely())
                .isInstanceOf(EventTooLarge.class).hasMessageContaining(EventStore.MAX_EVENT_BYTES + " bytes");

        assertThat(store.readStream(db.pool(), stream).await().indefinitely()).isEmpty();
        assertThat(outboxRows()).isEqualTo(outboxBefore);
        String justFits = "x".repeat(EventStore.MAX_EVENT_BYTES - 100);
        NewEvent fits = new NewEvent(UUID.randomUUID(), "test.something-happened", 1, team, null, team.toString(),
                java.time.Instant.parse("2026-11-27T10:00:00Z"), "{\"text\":\"" + justFits + "\"}", "{}");
        assertThat(db.pool().withTransaction(tx -> store.append(tx, "thing", stream, 0, List.of(fits)))
                .await().indefinitely()).hasSize(1);
    }

    private long outboxRows() {
        return Uni.createFrom().item(1).chain(ignored -> db.pool().query("select count(*) from outbox").execute())
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }
}
