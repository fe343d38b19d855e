package org.learningloop.learning.apt;

import org.learningloop.contracts.learning.AgreementKind;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What a unit asks of its monthly workplace meeting (APT). */
public sealed interface WorkplaceMeetingCommand {

    /** Opens the meeting of {@code month} for the unit's teams as the directory knows them. */
    record OpenWorkplaceMeeting(UUID workplaceMeetingId, UUID unitId, String month, List<UUID> teamIds)
            implements WorkplaceMeetingCommand {
    }

    /**
     * Adds a coaching note, optionally about one team.
     *
     * @param unitTeamIds the unit's teams as the read models know them now
     */
    record AddCoachingNote(UUID workplaceMeetingId, UUID noteId, String note, UUID teamId, UUID authorId,
                           Set<UUID> unitTeamIds) implements WorkplaceMeetingCommand {
    }

    /**
     * Records an agreement about one design or lead measure; it takes effect when the meeting closes.
     *
     * @param unitTeamIds the unit's teams as the read models know them now
     */
    record RecordAgreement(UUID workplaceMeetingId, UUID agreementId, AgreementKind kind, UUID teamId, UUID designId,
                           UUID leadMeasureId, UUID replacementLeadMeasureId, String segment, String rationale,
                           List<UUID> learningIds, List<UUID> activityIds, String intention, Frames frames,
                           Content content, String hypothesis, Set<UUID> unitTeamIds) implements WorkplaceMeetingCommand {
    }

    /**
     * Closes the meeting, publishing its agreements and ending the current loop iteration of each team.
     *
     * @param teams each team of the unit with the loop iteration it is in now
     */
    record CloseWorkplaceMeeting(UUID workplaceMeetingId, List<TeamLoop> teams) implements WorkplaceMeetingCommand {
    }

    /**
     * A team's current loop iteration, as the loop-iteration read model says.
     *
     * @param iteration       the current iteration's number (1 when none has closed)
     * @param lastClosedMonth the month of the meeting that closed the previous iteration; {@code null} for iteration 1
     */
    record TeamLoop(UUID teamId, int iteration, String lastClosedMonth) {
    }
}
