package org.learningloop.contracts.goal;

import java.util.UUID;

/** The WIG was reached; it takes no more readings or revisions. */
public record WigAchieved(UUID wigId, UUID teamId, UUID unitId) implements WigEvent {
}
