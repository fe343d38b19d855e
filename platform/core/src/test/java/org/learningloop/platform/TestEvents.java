package org.learningloop.platform;

import org.learningloop.platform.eventstore.NewEvent;

import java.time.Instant;
import java.util.UUID;

/** Raw events for tests of the storage and publishing mechanics. */
public final class TestEvents {

    private TestEvents() {
    }

    public static NewEvent event(UUID team, int sequence) {
        return new NewEvent(UUID.randomUUID(), "test.something-happened", 1, team, null, team.toString(),
                Instant.parse("2026-11-27T10:00:00Z"), "{\"sequence\":" + sequence + "}", "{\"correlationId\":\"test\"}");
    }
}
