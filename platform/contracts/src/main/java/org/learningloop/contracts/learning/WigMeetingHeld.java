package org.learningloop.contracts.learning;

import java.util.List;
import java.util.UUID;

/**
 * A team's weekly WIG meeting was recorded: accountability for earlier commitments, new commitments and
 * the learnings reported. Keyed by the team.
 *
 * @param learningIds the learnings reported at the meeting
 */
public record WigMeetingHeld(UUID wigMeetingId, UUID teamId, UUID unitId, String week,
                             List<Accountability> accountability, List<Commitment> commitments,
                             List<UUID> learningIds) implements LearningEvent {

    /** Whether an earlier commitment was kept, with a note. */
    public record Accountability(UUID commitmentId, boolean kept, String note) {
    }

    /**
     * What a member commits to do by a week, for a lead measure.
     *
     * @param dueWeek ISO week, e.g. {@code 2026-W49}
     */
    public record Commitment(UUID commitmentId, UUID memberId, String what, UUID leadMeasureId, String dueWeek) {
    }
}
