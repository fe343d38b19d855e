package org.learningloop.contracts.learning;

import java.util.UUID;

/**
 * The manager added a coaching note to an open workplace meeting (APT). Keyed by the team it is
 * about, else the unit.
 *
 * @param noteId   assigned when the note is added
 * @param authorId who wrote it (staff id), when given
 */
public record CoachingNoteAdded(UUID workplaceMeetingId, UUID unitId, UUID teamId, UUID noteId, String note,
                                UUID authorId) implements LearningEvent {
}
