package org.learningloop.learning.meetings;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WigMeetingHeld.Accountability;
import org.learningloop.contracts.learning.WigMeetingHeld.Commitment;
import org.learningloop.contracts.learning.WigMeetingOpened;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.learning.meetings.WigMeetingCommand.OpenWigMeeting;
import org.learningloop.learning.meetings.WigMeetingCommand.RecordWigMeeting;
import org.learningloop.testing.DeciderSpecification;

import java.util.List;
import java.util.Set;
import java.util.UUID;

class WigMeetingDeciderTest {

    static final UUID TEAM = UUID.randomUUID();
    static final UUID MEETING = WigMeetingService.meetingId(TEAM, "2026-W48");
    static final UUID OPEN_COMMITMENT = UUID.randomUUID();
    static final UUID CANDIDATE = UUID.randomUUID();
    static final UUID MEMBER = UUID.randomUUID();
    static final UUID LEARNING = UUID.randomUUID();
    static final WigMeetingOpened OPENED =
            new WigMeetingOpened(MEETING, TEAM, null, "2026-W48", List.of(OPEN_COMMITMENT), List.of(CANDIDATE));
    static final Commitment NEW = new Commitment(UUID.randomUUID(), MEMBER, "Two visits", null, "2026-W49");

    private final DeciderSpecification<WigMeetingCommand, LearningEvent, WigMeetingState> spec =
            DeciderSpecification.of(new WigMeetingDecider());

    static RecordWigMeeting record(List<Accountability> accountability, List<Commitment> commitments,
                                   List<UUID> learnings, Set<UUID> teamLearnings) {
        return new RecordWigMeeting(MEETING, accountability, commitments, learnings, teamLearnings);
    }

    @Test
    void givenNoMeeting_whenOpened_thenOpenedWithItsAgenda() {
        spec.given().when(new OpenWigMeeting(MEETING, TEAM, null, "2026-W48", List.of(OPEN_COMMITMENT), List.of(CANDIDATE)))
                .then(OPENED);
    }

    @Test
    void givenTeamOfAKnownUnit_whenOpened_thenOpenedCarriesTheUnit() {
        UUID unit = UUID.randomUUID();
        spec.given().when(new OpenWigMeeting(MEETING, TEAM, unit, "2026-W48", List.of(OPEN_COMMITMENT), List.of(CANDIDATE)))
                .then(new WigMeetingOpened(MEETING, TEAM, unit, "2026-W48", List.of(OPEN_COMMITMENT), List.of(CANDIDATE)));
    }

    @Test
    void givenMeetingOfTheWeek_whenOpenedAgain_thenWigMeetingExists() {
        spec.given(OPENED).when(new OpenWigMeeting(MEETING, TEAM, null, "2026-W48", List.of(), List.of()))
                .thenRejected(Reason.RULE_VIOLATED, "wig-meeting-exists");
    }

    @Test
    void givenOpenMeeting_whenRecorded_thenHeld() {
        Accountability notKept = new Accountability(OPEN_COMMITMENT, false, "Workplace closed");
        spec.given(OPENED).when(record(List.of(notKept), List.of(NEW), List.of(LEARNING), Set.of(LEARNING)))
                .then(new WigMeetingHeld(MEETING, TEAM, null, "2026-W48", List.of(notKept), List.of(NEW), List.of(LEARNING)));
    }

    @Test
    void givenNoMeeting_whenRecorded_thenNotFound() {
        spec.given().when(record(List.of(), List.of(), List.of(), Set.of()))
                .thenRejected(Reason.NOT_FOUND, "wig-meeting-not-found");
    }

    @Test
    void givenHeldMeeting_whenRecordedAgain_thenConflict() {
        spec.given(OPENED, new WigMeetingHeld(MEETING, TEAM, null, "2026-W48", List.of(), List.of(), List.of()))
                .when(record(List.of(), List.of(), List.of(), Set.of()))
                .thenRejected(Reason.RULE_VIOLATED, "wig-meeting-held");
    }

    @Test
    void whenAccountabilityNamesACommitmentNotOnTheAgenda_thenUnprocessable() {
        spec.given(OPENED).when(record(List.of(new Accountability(UUID.randomUUID(), true, null)), List.of(), List.of(),
                Set.of())).thenRejected(Reason.UNPROCESSABLE, "commitment-not-open");
    }

    @Test
    void whenACommitmentIsAccountedTwice_thenUnprocessable() {
        spec.given(OPENED).when(record(List.of(new Accountability(OPEN_COMMITMENT, true, null),
                        new Accountability(OPEN_COMMITMENT, false, null)), List.of(), List.of(), Set.of()))
                .thenRejected(Reason.UNPROCESSABLE, "commitment-accounted-twice");
    }

    @Test
    void whenNewCommitmentIsDueBeforeTheMeetingsWeek_thenUnprocessable() {
        spec.given(OPENED).when(record(List.of(), List.of(new Commitment(UUID.randomUUID(), MEMBER, "x", null, "2026-W47")),
                List.of(), Set.of())).thenRejected(Reason.UNPROCESSABLE, "due-week-before-meeting");
    }

    @Test
    void whenALearningIsNotTheTeams_thenUnprocessable() {
        spec.given(OPENED).when(record(List.of(), List.of(), List.of(LEARNING), Set.of()))
                .thenRejected(Reason.UNPROCESSABLE, "learning-not-found");
    }
}
