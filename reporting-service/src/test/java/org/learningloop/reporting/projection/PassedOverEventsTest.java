package org.learningloop.reporting.projection;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.reporting.ReportingBeans;
import org.learningloop.reporting.activities.ActivityFactsProjection;
import org.learningloop.reporting.evidence.GoalFactsProjection;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A projection that reads fewer events than every published one ({@link Projection#reads()}) is passed over the
 * others undecoded, so it must have nothing to do for them: given an event of each type it does not read, its
 * {@code apply} returns without touching the transaction (here {@code null}, so any statement fails).
 */
class PassedOverEventsTest {

    private static final List<Projection> NARROW = List.of(new GoalFactsProjection(), new ActivityFactsProjection());

    @Test
    void aProjectionDoesNothingWithTheEventsItDoesNotRead() {
        for (Projection projection : NARROW) {
            List<EventType<?>> others = ReportingBeans.CATALOG.types().stream()
                    .filter(type -> !projection.reads().covers(type.ceType())).toList();
            assertThat(others).as("events %s passes over", projection.name()).isNotEmpty();
            for (EventType<?> type : others) {
                IncomingEvent incoming = new IncomingEvent(UUID.randomUUID(), "test", type.ceType(), null,
                        Instant.parse("2026-11-02T09:00:00Z"), "stream", 1, null, null, blank(type.javaType()));
                assertThatCode(() -> projection.apply(null, incoming).await().indefinitely())
                        .as("%s applying %s", projection.name(), type.ceType()).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void everyProjectionReadsOnlyPublishedEvents() {
        for (Projection projection : NARROW) {
            assertThat(projection.reads().types()).isNotEmpty()
                    .allSatisfy(type -> assertThat(ReportingBeans.CATALOG.covers(type.ceType())).isTrue());
        }
    }

    /** An instance of the event record with every component empty (null, 0 or false): only its type matters here. */
    private static LoopEvent blank(Class<? extends LoopEvent> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            // a one-element array holds its type's default value: null, 0 or false
            values[i] = java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(types[i], 1), 0);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build an empty " + type.getSimpleName(), e);
        }
    }
}
