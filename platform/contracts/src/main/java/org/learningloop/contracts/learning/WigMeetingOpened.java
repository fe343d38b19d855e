package org.learningloop.contracts.learning;

import java.util.List;
import java.util.UUID;

/**
 * A team opened its weekly WIG meeting for an ISO week, with the agenda it must work through. Keyed by the team.
 *
 * @param wigMeetingId    derived from the team and the week: one meeting per team and week
 * @param week            ISO week, e.g. {@code 2026-W48}
 * @param commitmentIds   the open commitments of earlier meetings to account for
 * @param candidateIds    the open learning candidates to consider
 */
public record WigMeetingOpened(UUID wigMeetingId, UUID teamId, UUID unitId, String week, List<UUID> commitmentIds,
                               List<UUID> candidateIds) implements LearningEvent {
}
