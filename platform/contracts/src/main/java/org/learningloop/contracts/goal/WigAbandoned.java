package org.learningloop.contracts.goal;

import java.util.UUID;

/** The WIG was given up, with the reason; it takes no more readings or revisions. */
public record WigAbandoned(UUID wigId, UUID teamId, UUID unitId, String reason) implements WigEvent {
}
