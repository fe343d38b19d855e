package org.learningloop.contracts.learning;

import java.util.UUID;

/**
 * The manager added a coaching note to an open workplace meeting (APT). Keyed by the unit, as
 * every event of the meeting's stream.
 *
 * @param noteId   assigned when the note is added
 * @param authorId who wrote it (staff id), when given
 */
public record CoachingNoteAdded(UUID workplaceMeetingId, UUID unitId, UUID teamId, UUID noteId, String note,
                                UUID authorId) implements LearningEvent {

    /** The unit: every event of a workplace meeting's stream has the unit as key (one stream, one partition). */
    @Override
    public String subject() {
        return unitId().toString();
    }
}
