package org.learningloop.learning.meetings;

import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WigMeetingHeld.Accountability;
import org.learningloop.contracts.learning.WigMeetingHeld.Commitment;
import org.learningloop.contracts.learning.WigMeetingOpened;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.Decider;
import org.learningloop.learning.meetings.WigMeetingCommand.OpenWigMeeting;
import org.learningloop.learning.meetings.WigMeetingCommand.RecordWigMeeting;
import org.learningloop.learning.meetings.WigMeetingState.HeldMeeting;
import org.learningloop.learning.meetings.WigMeetingState.NoMeeting;
import org.learningloop.learning.meetings.WigMeetingState.OpenMeeting;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The weekly WIG meeting: one per team and ISO week; opened with its agenda, then recorded once.
 * Accountability may only name the commitments on the agenda, each once; new commitments are due no
 * earlier than the meeting's week; reported learnings must be the team's.
 */
public final class WigMeetingDecider implements Decider<WigMeetingCommand, LearningEvent, WigMeetingState> {

    @Override
    public WigMeetingState initialState() {
        return new NoMeeting();
    }

    @Override
    public List<LearningEvent> decide(WigMeetingCommand command, WigMeetingState state) {
        if (command instanceof OpenWigMeeting open) {
            if (!(state instanceof NoMeeting)) {
                throw CommandRejected.ruleViolated("wig-meeting-exists",
                        "The team has a WIG meeting for " + open.week() + " already");
            }
            return List.of(new WigMeetingOpened(open.wigMeetingId(), open.teamId(), open.unitId(), open.week(),
                    List.copyOf(open.commitmentIds()), List.copyOf(open.candidateIds())));
        }
        if (command instanceof RecordWigMeeting record) {
            return List.of(record(record, state));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static WigMeetingHeld record(RecordWigMeeting command, WigMeetingState state) {
        if (state instanceof NoMeeting) {
            throw CommandRejected.notFound("wig-meeting-not-found", "There is no WIG meeting " + command.wigMeetingId());
        }
        if (state instanceof HeldMeeting) {
            throw CommandRejected.ruleViolated("wig-meeting-held", "The WIG meeting is recorded already");
        }
        WigMeetingOpened opened = ((OpenMeeting) state).opened();
        Set<UUID> accounted = new HashSet<>();
        for (Accountability accountability : command.accountability()) {
            if (!opened.commitmentIds().contains(accountability.commitmentId())) {
                throw CommandRejected.unprocessable("commitment-not-open",
                        "Commitment " + accountability.commitmentId() + " is not open on this meeting's agenda",
                        new FieldError("accountability", "must name open commitments of the agenda"));
            }
            if (!accounted.add(accountability.commitmentId())) {
                throw CommandRejected.unprocessable("commitment-accounted-twice",
                        "Commitment " + accountability.commitmentId() + " is accounted for twice",
                        new FieldError("accountability", "must name each commitment once"));
            }
        }
        for (Commitment commitment : command.commitments()) {
            if (commitment.dueWeek().compareTo(opened.week()) < 0) {
                throw CommandRejected.unprocessable("due-week-before-meeting",
                        "A commitment made in " + opened.week() + " cannot be due in " + commitment.dueWeek(),
                        new FieldError("commitments", "dueWeek must not be before the meeting's week"));
            }
        }
        for (UUID learningId : command.learningIds()) {
            if (!command.teamLearningIds().contains(learningId)) {
                throw CommandRejected.unprocessable("learning-not-found", "The team has no learning " + learningId,
                        new FieldError("learningIds", "must name learnings of the team"));
            }
        }
        return new WigMeetingHeld(opened.wigMeetingId(), opened.teamId(), opened.unitId(), opened.week(),
                List.copyOf(command.accountability()), List.copyOf(command.commitments()),
                List.copyOf(new LinkedHashSet<>(command.learningIds())));
    }

    @Override
    public WigMeetingState evolve(WigMeetingState state, LearningEvent event) {
        if (event instanceof WigMeetingOpened opened) {
            return new OpenMeeting(opened);
        }
        if (event instanceof WigMeetingHeld held && state instanceof OpenMeeting open) {
            return new HeldMeeting(open.opened(), held);
        }
        return state;
    }
}
