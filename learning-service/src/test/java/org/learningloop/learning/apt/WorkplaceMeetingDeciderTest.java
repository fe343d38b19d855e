package org.learningloop.learning.apt;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.contracts.learning.AgreementKind;
import org.learningloop.contracts.learning.AgreementRecorded;
import org.learningloop.contracts.learning.CoachingNoteAdded;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LoopIterationClosed;
import org.learningloop.contracts.learning.LoopIterationOpened;
import org.learningloop.contracts.learning.WorkplaceMeetingClosed;
import org.learningloop.contracts.learning.WorkplaceMeetingOpened;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.AddCoachingNote;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.CloseWorkplaceMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.OpenWorkplaceMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.RecordAgreement;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.TeamLoop;
import org.learningloop.testing.DeciderSpecification;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WorkplaceMeetingDeciderTest {

    static final UUID UNIT = UUID.randomUUID();
    static final UUID TEAM = UUID.randomUUID();
    static final UUID OTHER_TEAM = UUID.randomUUID();
    static final UUID MEETING = WorkplaceMeetingService.meetingId(UNIT, "2026-11");
    static final UUID DESIGN = UUID.randomUUID();
    static final UUID LEAD = UUID.randomUUID();
    static final UUID REPLACEMENT = UUID.randomUUID();
    static final UUID AGREEMENT = UUID.randomUUID();
    static final UUID LEARNING = UUID.randomUUID();
    static final UUID ACTIVITY = UUID.randomUUID();
    static final UUID NOTE = UUID.randomUUID();
    static final UUID MANAGER = UUID.randomUUID();
    static final Set<UUID> TEAMS = Set.of(TEAM, OTHER_TEAM);
    static final WorkplaceMeetingOpened OPENED = new WorkplaceMeetingOpened(MEETING, UNIT, "2026-11", List.of(TEAM, OTHER_TEAM));
    static final Content CONTENT = new Content(List.of("Introduce", "Story from a member"), List.of("Wages"));
    static final AgreementRecorded REVISE = new AgreementRecorded(AGREEMENT, MEETING, UNIT, TEAM, "2026-11",
            AgreementKind.REVISE_DESIGN, DESIGN, null, null, null, "Stories work", List.of(LEARNING), List.of(ACTIVITY),
            null, null, CONTENT, null);
    static final WorkplaceMeetingClosed CLOSED =
            new WorkplaceMeetingClosed(MEETING, UNIT, "2026-11", List.of(), List.of(TEAM));

    private final DeciderSpecification<WorkplaceMeetingCommand, LearningEvent, WorkplaceMeetingState> spec =
            DeciderSpecification.of(new WorkplaceMeetingDecider());

    static RecordAgreement agreement(AgreementKind kind, UUID team, UUID design, UUID lead, UUID replacement, String segment,
                                     String rationale, String intention, Frames frames, Content content, String hypothesis) {
        return new RecordAgreement(MEETING, AGREEMENT, kind, team, design, lead, replacement, segment, rationale,
                List.of(LEARNING), List.of(ACTIVITY), intention, frames, content, hypothesis, TEAMS);
    }

    static RecordAgreement design(AgreementKind kind, UUID design, String segment, Content content) {
        return agreement(kind, TEAM, design, null, null, segment, "Because", null, null, content, null);
    }

    static RecordAgreement lead(AgreementKind kind, UUID lead, UUID replacement) {
        return agreement(kind, null, null, lead, replacement, null, "Because", null, null, null, null);
    }

    @Test
    void givenNoMeeting_whenOpened_thenOpenedForTheUnitsTeams() {
        spec.given().when(new OpenWorkplaceMeeting(MEETING, UNIT, "2026-11", List.of(TEAM, OTHER_TEAM, TEAM)))
                .then(OPENED);
    }

    @Test
    void givenMeetingOfTheMonth_whenOpenedAgain_thenWorkplaceMeetingExists() {
        spec.given(OPENED).when(new OpenWorkplaceMeeting(MEETING, UNIT, "2026-11", List.of()))
                .thenRejected(Reason.RULE_VIOLATED, "workplace-meeting-exists");
    }

    @Test
    void givenOpenMeeting_whenCoachingNoteAdded_thenAdded() {
        spec.given(OPENED).when(new AddCoachingNote(MEETING, NOTE, "  Ask what changed ", TEAM, MANAGER, TEAMS))
                .then(new CoachingNoteAdded(MEETING, UNIT, TEAM, NOTE, "Ask what changed", MANAGER));
    }

    @Test
    void givenOpenMeeting_whenBlankNoteOrAnotherUnitsTeam_thenUnprocessable() {
        spec.given(OPENED).when(new AddCoachingNote(MEETING, NOTE, " ", null, null, TEAMS))
                .thenRejected(Reason.UNPROCESSABLE, "note-required");
        spec.given(OPENED).when(new AddCoachingNote(MEETING, NOTE, "Note", UUID.randomUUID(), null, TEAMS))
                .thenRejected(Reason.UNPROCESSABLE, "team-not-in-unit");
    }

    @Test
    void givenNoMeeting_whenNoteAgreementOrClose_thenNotFound() {
        spec.given().when(new AddCoachingNote(MEETING, NOTE, "Note", null, null, TEAMS))
                .thenRejected(Reason.NOT_FOUND, "workplace-meeting-not-found");
        spec.given().when(design(AgreementKind.KEEP_DESIGN, DESIGN, null, null))
                .thenRejected(Reason.NOT_FOUND, "workplace-meeting-not-found");
        spec.given().when(new CloseWorkplaceMeeting(MEETING, List.of()))
                .thenRejected(Reason.NOT_FOUND, "workplace-meeting-not-found");
    }

    @Test
    void givenClosedMeeting_whenNoteAgreementOrCloseAgain_thenWorkplaceMeetingClosed() {
        spec.given(OPENED, CLOSED).when(new AddCoachingNote(MEETING, NOTE, "Note", null, null, TEAMS))
                .thenRejected(Reason.RULE_VIOLATED, "workplace-meeting-closed");
        spec.given(OPENED, CLOSED).when(design(AgreementKind.KEEP_DESIGN, DESIGN, null, null))
                .thenRejected(Reason.RULE_VIOLATED, "workplace-meeting-closed");
        spec.given(OPENED, CLOSED).when(new CloseWorkplaceMeeting(MEETING, List.of(new TeamLoop(TEAM, 2, "2026-10"))))
                .thenRejected(Reason.RULE_VIOLATED, "workplace-meeting-closed");
    }

    @Test
    void givenOpenMeeting_whenDesignRevisedWithChangedElements_thenRecorded() {
        spec.given(OPENED).when(agreement(AgreementKind.REVISE_DESIGN, TEAM, DESIGN, null, null, null, " Stories work ",
                        null, null, CONTENT, " "))
                .then(REVISE);
    }

    @Test
    void givenOpenMeeting_whenLeadMeasureReplaced_thenRecordedUnitWide() {
        spec.given(OPENED).when(lead(AgreementKind.REPLACE_LEAD_MEASURE, LEAD, REPLACEMENT))
                .then(new AgreementRecorded(AGREEMENT, MEETING, UNIT, null, "2026-11", AgreementKind.REPLACE_LEAD_MEASURE,
                        null, LEAD, REPLACEMENT, null, "Because", List.of(LEARNING), List.of(ACTIVITY), null, null, null, null));
    }

    @Test
    void givenOpenMeeting_whenDesignForkedForASegment_thenRecorded() {
        spec.given(OPENED).when(design(AgreementKind.FORK_DESIGN, DESIGN, " small-6-30 ", null))
                .then(new AgreementRecorded(AGREEMENT, MEETING, UNIT, TEAM, "2026-11", AgreementKind.FORK_DESIGN, DESIGN,
                        null, null, "small-6-30", "Because", List.of(LEARNING), List.of(ACTIVITY), null, null, null, null));
    }

    @Test
    void givenOpenMeeting_whenAgreementLacksWhatItsKindNeeds_thenUnprocessable() {
        spec.given(OPENED).when(design(AgreementKind.REVISE_DESIGN, null, null, CONTENT))
                .thenRejected(Reason.UNPROCESSABLE, "design-required");
        spec.given(OPENED).when(design(AgreementKind.REVISE_DESIGN, DESIGN, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "changed-element-required");
        spec.given(OPENED).when(design(AgreementKind.FORK_DESIGN, DESIGN, " ", null))
                .thenRejected(Reason.UNPROCESSABLE, "segment-required");
        spec.given(OPENED).when(design(AgreementKind.FORK_DESIGN, null, "call-centre", null))
                .thenRejected(Reason.UNPROCESSABLE, "design-required");
        spec.given(OPENED).when(design(AgreementKind.RETIRE_DESIGN, null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "design-required");
        spec.given(OPENED).when(design(AgreementKind.KEEP_DESIGN, null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "design-required");
        spec.given(OPENED).when(lead(AgreementKind.REPLACE_LEAD_MEASURE, LEAD, null))
                .thenRejected(Reason.UNPROCESSABLE, "replacement-required");
        spec.given(OPENED).when(lead(AgreementKind.REPLACE_LEAD_MEASURE, null, REPLACEMENT))
                .thenRejected(Reason.UNPROCESSABLE, "lead-measure-required");
        spec.given(OPENED).when(lead(AgreementKind.REPLACE_LEAD_MEASURE, LEAD, LEAD))
                .thenRejected(Reason.UNPROCESSABLE, "replacement-is-the-same");
        spec.given(OPENED).when(lead(AgreementKind.KEEP_LEAD_MEASURE, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "lead-measure-required");
        spec.given(OPENED).when(agreement(AgreementKind.KEEP_DESIGN, null, DESIGN, null, null, null, " ", null, null,
                        null, null))
                .thenRejected(Reason.UNPROCESSABLE, "rationale-required");
        spec.given(OPENED).when(agreement(null, null, DESIGN, null, null, null, "Because", null, null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "kind-required");
    }

    @Test
    void givenOpenMeeting_whenAgreementCarriesFieldsOfAnotherKind_thenUnprocessable() {
        spec.given(OPENED).when(design(AgreementKind.KEEP_DESIGN, DESIGN, null, CONTENT))
                .thenRejected(Reason.UNPROCESSABLE, "field-not-for-kind");
        spec.given(OPENED).when(agreement(AgreementKind.RETIRE_DESIGN, null, DESIGN, LEAD, null, null, "Because", null,
                        null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "field-not-for-kind");
        spec.given(OPENED).when(lead(AgreementKind.KEEP_LEAD_MEASURE, LEAD, REPLACEMENT))
                .thenRejected(Reason.UNPROCESSABLE, "field-not-for-kind");
        spec.given(OPENED).when(agreement(AgreementKind.KEEP_LEAD_MEASURE, null, DESIGN, LEAD, null, null, "Because",
                        null, null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "field-not-for-kind");
    }

    @Test
    void givenOpenMeeting_whenAgreementAboutAnotherUnitsTeam_thenTeamNotInUnit() {
        spec.given(OPENED).when(agreement(AgreementKind.KEEP_DESIGN, UUID.randomUUID(), DESIGN, null, null, null,
                        "Because", null, null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "team-not-in-unit");
    }

    @Test
    void givenAgreementAboutADesign_whenAnotherAboutTheSameDesign_thenAgreementExists_butAForkForASegmentIsFine() {
        spec.given(OPENED, REVISE).when(design(AgreementKind.RETIRE_DESIGN, DESIGN, null, null))
                .thenRejected(Reason.RULE_VIOLATED, "agreement-exists");
        spec.given(OPENED, REVISE).when(design(AgreementKind.FORK_DESIGN, DESIGN, "call-centre", null))
                .then(new AgreementRecorded(AGREEMENT, MEETING, UNIT, TEAM, "2026-11", AgreementKind.FORK_DESIGN, DESIGN,
                        null, null, "call-centre", "Because", List.of(LEARNING), List.of(ACTIVITY), null, null, null, null));
    }

    @Test
    void givenOpenMeetingWithAgreements_whenClosed_thenAgreementsMadeAndEachTeamsIterationClosedAndNextOpened() {
        AgreementRecorded unitWide = new AgreementRecorded(UUID.randomUUID(), MEETING, UNIT, null, "2026-11",
                AgreementKind.KEEP_LEAD_MEASURE, null, LEAD, null, null, "Keep going", List.of(), List.of(), null, null,
                null, null);
        WorkplaceMeetingState closed = spec.given(OPENED, REVISE, unitWide)
                .when(new CloseWorkplaceMeeting(MEETING, List.of(new TeamLoop(TEAM, 1, null),
                        new TeamLoop(OTHER_TEAM, 3, "2026-09"), new TeamLoop(TEAM, 1, null))))
                .then(new WorkplaceMeetingClosed(MEETING, UNIT, "2026-11", List.of(AGREEMENT, unitWide.agreementId()),
                                List.of(TEAM, OTHER_TEAM)),
                        REVISE.made(), unitWide.made(),
                        new LoopIterationClosed(TEAM, UNIT, 1, null, "2026-11", MEETING,
                                List.of(AGREEMENT, unitWide.agreementId())),
                        new LoopIterationOpened(TEAM, UNIT, 2, "2026-12", MEETING),
                        new LoopIterationClosed(OTHER_TEAM, UNIT, 3, "2026-10", "2026-11", MEETING,
                                List.of(unitWide.agreementId())),
                        new LoopIterationOpened(OTHER_TEAM, UNIT, 4, "2026-12", MEETING));
        assertThat(closed).isInstanceOf(WorkplaceMeetingState.ClosedMeeting.class);
        assertThat(REVISE.made().content()).isEqualTo(CONTENT);
    }

    @Test
    void givenTeamsLoopClosedByTheSameOrALaterMonth_whenClosed_thenLoopClosedLater() {
        spec.given(OPENED).when(new CloseWorkplaceMeeting(MEETING, List.of(new TeamLoop(TEAM, 2, "2026-11"))))
                .thenRejected(Reason.RULE_VIOLATED, "loop-closed-later");
        spec.given(OPENED).when(new CloseWorkplaceMeeting(MEETING, List.of(new TeamLoop(TEAM, 2, "2026-12"))))
                .thenRejected(Reason.RULE_VIOLATED, "loop-closed-later");
    }
}
