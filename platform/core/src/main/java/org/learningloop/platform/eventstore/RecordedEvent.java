package org.learningloop.platform.eventstore;

import java.time.Instant;
import java.util.UUID;

/** An event as the store holds it: its place in its stream and in the store, and its raw JSON. */
public record RecordedEvent(long globalPosition, UUID eventId, String streamType, String streamId,
                            long streamVersion, String type, int typeVersion, UUID teamId, UUID unitId,
                            String subject, Instant occurredAt, Instant recordedAt, String payload,
                            String metadata) {

    /** The CloudEvents type, e.g. {@code goal.wig-defined.v1}. */
    public String ceType() {
        return type + ".v" + typeVersion;
    }
}
