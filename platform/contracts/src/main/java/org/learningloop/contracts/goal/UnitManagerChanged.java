package org.learningloop.contracts.goal;

import java.util.UUID;

/** The unit got another manager. */
public record UnitManagerChanged(UUID unitId, UUID managerId, UUID previousManagerId) implements UnitEvent {
}
