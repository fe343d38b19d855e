package org.learningloop.contracts.goal;

import java.util.UUID;

/** A WIG team was formed in a unit. */
public record TeamCreated(UUID teamId, UUID unitId, String name) implements TeamEvent {
}
