package org.learningloop.platform.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventSchemas;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.platform.TestDatabase;
import org.learningloop.testing.ExtremeEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stored event reads back: for every event type, the extreme values the gate admits are stored in PostgreSQL
 * and read back, decoded and encoded again, unchanged. Before, {@code 1e-1001} passed, was stored in plain form and
 * no reader could read it again (issue 14).
 */
class ExtremeValuesReadBackTest {

    private static final EventCatalog ALL =
            EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

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

    @TestFactory
    Stream<DynamicTest> theExtremesTheGateAdmits_areStoredAndReadBackUnchanged() {
        return ALL.types().stream().flatMap(type -> Stream.of(ExtremeEvents.Edge.values())
                .map(edge -> DynamicTest.dynamicTest(type.ceType() + " " + edge, () -> readsBack(type, edge))));
    }

    /** Why the gate bounds the scale: stored anyway (as before it), PostgreSQL writes 1e-1001 out whole, unreadable. */
    @org.junit.jupiter.api.Test
    void aNumberTheGateRefuses_wouldNotHaveReadBack() {
        EventType<?> reading = ALL.byName("goal.lag-reading-recorded").orElseThrow();
        UUID team = UUID.randomUUID();
        String payload = "{\"wigId\": \"%s\", \"teamId\": \"%s\", \"period\": \"2026-11\", \"value\": 1e-1001}"
                .formatted(UUID.randomUUID(), team);
        assertThat(EventSchemas.check(reading, payload)).extracting(EventSchemas.Violation::field).containsOnly("/value");

        String stream = "extreme-" + UUID.randomUUID();
        NewEvent bypassing = new NewEvent(UUID.randomUUID(), reading.name(), reading.version(), team, null,
                team.toString(), Instant.parse("2026-12-02T10:00:00Z"), payload, "{}");
        db.pool().withTransaction(tx -> store.append(tx, "extreme", stream, EventStore.NO_STREAM, List.of(bypassing)))
                .await().indefinitely();
        RecordedEvent stored = store.readStream(db.pool(), stream).await().indefinitely().get(0);
        assertThat(stored.payload()).hasSizeGreaterThan(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ALL.decode(stored.type(), stored.typeVersion(),
                stored.payload(), stored.occurredAt())).isInstanceOf(EventCatalog.UndecodableEvent.class);
    }

    private void readsBack(EventType<?> type, ExtremeEvents.Edge edge) throws Exception {
        UUID team = UUID.randomUUID();
        ObjectNode payload = ExtremeEvents.payload(type, edge, team, UUID.randomUUID());
        assertThat(EventSchemas.check(type, payload.toString())).as("the gate admits it").isEmpty();

        LoopEvent decoded = ALL.decode(type.name(), type.version(), payload.toString(), Instant.now());
        String encoded = ALL.encodeChecked(decoded);
        assertThat(EXACT.readTree(encoded)).as("encoded again").isEqualTo(EXACT.readTree(payload.toString()));

        String stream = "extreme-" + UUID.randomUUID();
        NewEvent event = new NewEvent(UUID.randomUUID(), type.name(), type.version(), decoded.teamId(), decoded.unitId(),
                decoded.subject(), Instant.parse("2026-12-02T10:00:00Z"), encoded, "{\"correlationId\":\"extreme\"}");
        db.pool().withTransaction(tx -> store.append(tx, "extreme", stream, EventStore.NO_STREAM, List.of(event)))
                .await().indefinitely();
        RecordedEvent stored = store.readStream(db.pool(), stream).await().indefinitely().get(0);

        JsonNode readBack = EXACT.readTree(stored.payload());
        assertThat(readBack).as("read back from PostgreSQL").isEqualTo(EXACT.readTree(encoded));
        LoopEvent again = ALL.decode(stored.type(), stored.typeVersion(), stored.payload(), stored.occurredAt());
        assertThat(again).isEqualTo(decoded);
        assertThat(EventSchemas.check(type, stored.payload())).as("what is stored still fits").isEmpty();
    }
}
