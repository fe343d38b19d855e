package org.learningloop.learning.meetings;

import org.learningloop.contracts.learning.WigMeetingHeld.Accountability;
import org.learningloop.contracts.learning.WigMeetingHeld.Commitment;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What a team asks of its weekly WIG meeting. */
public sealed interface WigMeetingCommand {

    /**
     * Opens the meeting of {@code week} with its agenda, as the read models stand.
     *
     * @param unitId        the team's unit when the team directory knows it, else null
     * @param commitmentIds the team's open commitments, to account for
     * @param candidateIds  the team's open learning candidates
     */
    record OpenWigMeeting(UUID wigMeetingId, UUID teamId, UUID unitId, String week, List<UUID> commitmentIds,
                          List<UUID> candidateIds) implements WigMeetingCommand {
    }

    /**
     * Records what the meeting did; the new commitments carry their ids already.
     *
     * @param teamLearningIds those of {@code learningIds} that are learnings of the meeting's team
     */
    record RecordWigMeeting(UUID wigMeetingId, List<Accountability> accountability, List<Commitment> commitments,
                            List<UUID> learningIds, Set<UUID> teamLearningIds) implements WigMeetingCommand {
    }
}
