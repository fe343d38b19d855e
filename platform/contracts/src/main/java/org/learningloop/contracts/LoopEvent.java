package org.learningloop.contracts;

import java.util.UUID;

/**
 * An event that Learning Loop publishes. Every event belongs to a team's loop or, for unit-wide
 * and organisation-wide events, to a unit or to the organisation; that owner is the Kafka record
 * key and the CloudEvents subject, so one team's history stays in order in one partition.
 */
public interface LoopEvent {

    /** The subject of events that belong to neither a team nor a unit (the organisation WIG). */
    String ORGANISATION = "organisation";

    /** The team whose loop this event belongs to, or {@code null} for unit- or organisation-wide events. */
    UUID teamId();

    /** The unit, when known; {@code null} for organisation-wide events. */
    UUID unitId();

    /** The team, else the unit, else {@link #ORGANISATION}. */
    default String subject() {
        if (teamId() != null) {
            return teamId().toString();
        }
        return unitId() != null ? unitId().toString() : ORGANISATION;
    }
}
