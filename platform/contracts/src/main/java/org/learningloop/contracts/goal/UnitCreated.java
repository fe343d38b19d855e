package org.learningloop.contracts.goal;

import java.util.UUID;

/** A unit was set up, with its manager (by member id). */
public record UnitCreated(UUID unitId, String name, UUID managerId) implements UnitEvent {
}
