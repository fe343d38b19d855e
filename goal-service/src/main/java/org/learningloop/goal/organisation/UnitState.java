package org.learningloop.goal.organisation;

import java.util.UUID;

/** A unit's lifecycle: not yet set up, or set up with its manager. */
public sealed interface UnitState {

    /** No unit in this stream yet. */
    record NoUnit() implements UnitState {
    }

    /** A unit that has been set up. */
    record ExistingUnit(UUID unitId, String name, UUID managerId) implements UnitState {
    }
}
