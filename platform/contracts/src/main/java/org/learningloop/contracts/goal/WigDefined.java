package org.learningloop.contracts.goal;

import java.util.UUID;

/**
 * A WIG was set: an organisation WIG (no team, no unit), a unit WIG or a team WIG that aims at
 * {@code parentWigId}.
 */
public record WigDefined(UUID wigId, UUID teamId, UUID unitId, UUID parentWigId, String title,
                         LagMeasure lagMeasure) implements WigEvent {
}
