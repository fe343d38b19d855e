package org.learningloop.platform.eventstore;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An event ready to append: identity, type, owner, time and serialised payload and metadata. */
public record NewEvent(UUID eventId, String type, int typeVersion, UUID teamId, UUID unitId, String subject,
                       Instant occurredAt, String payload, String metadata) {

    public NewEvent {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(occurredAt);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(metadata);
    }
}
