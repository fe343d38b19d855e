package org.learningloop.goal.organisation;

import java.util.UUID;

/** What can be asked of a unit (e.g. a region office). */
public sealed interface UnitCommand {

    UUID unitId();

    /** Set up a unit with its manager (a member id). */
    record CreateUnit(UUID unitId, String name, UUID managerId) implements UnitCommand {
    }

    /** Give the unit another manager; the same manager again changes nothing. */
    record ChangeManager(UUID unitId, UUID managerId) implements UnitCommand {
    }
}
