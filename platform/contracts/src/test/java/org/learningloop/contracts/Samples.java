package org.learningloop.contracts;

import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignForked;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.FeedbackGiven;
import org.learningloop.contracts.activity.FeedbackItem;
import org.learningloop.contracts.activity.Filtering;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.contracts.activity.ImprovementProposal;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.activity.Workplace;
import org.learningloop.contracts.activity.Adaptation;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.Criterion;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureChecklist;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.LeadMeasureRetired;
import org.learningloop.contracts.goal.LeadReadingCorrected;
import org.learningloop.contracts.goal.LeadReadingRecorded;
import org.learningloop.contracts.goal.MemberErased;
import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.MemberLeft;
import org.learningloop.contracts.goal.MemberRoleChanged;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.UnitManagerChanged;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.contracts.learning.AgreementKind;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.contracts.learning.CandidateDismissed;
import org.learningloop.contracts.learning.CandidateMerged;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WigMeetingOpened;
import org.learningloop.contracts.learning.AgreementRecorded;
import org.learningloop.contracts.learning.CoachingNoteAdded;
import org.learningloop.contracts.learning.LoopIterationClosed;
import org.learningloop.contracts.learning.LoopIterationOpened;
import org.learningloop.contracts.learning.WorkplaceMeetingClosed;
import org.learningloop.contracts.learning.WorkplaceMeetingOpened;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigDefined;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fixed, fully populated sample of every published event type. */
final class Samples {

    static final UUID WIG = UUID.fromString("6f1c2a8e-0c1b-4c57-9d0e-2f7a1b3c4d5e");
    static final UUID PARENT = UUID.fromString("0b7e6a52-8d3f-4f0e-9a61-1c2d3e4f5a6b");
    static final UUID TEAM = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    static final UUID UNIT = UUID.fromString("d4c3b2a1-f6e5-4b7a-9d8c-5c4b3a2f1e0d");
    static final UUID MEMBER = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final UUID MANAGER = UUID.fromString("99999999-8888-4777-8666-555555555555");
    static final UUID LEAD = UUID.fromString("12345678-9abc-4def-8123-456789abcdef");
    static final UUID REPLACEMENT = UUID.fromString("fedcba98-7654-4321-8fed-cba987654321");
    static final UUID AGREEMENT = UUID.fromString("0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d");
    static final UUID ACTIVITY = UUID.fromString("5a5b5c5d-5e5f-4a6b-8c7d-8e9f0a1b2c3d");
    static final UUID LEARNING = UUID.fromString("4d4e4f4a-4b4c-4d4e-8f4a-4b4c4d4e4f4a");
    static final UUID CANDIDATE = UUID.fromString("2b2c2d2e-2f2a-4b3c-8d3e-3f3a3b3c3d3e");
    static final UUID WIG_MEETING = UUID.fromString("1e1f1a1b-1c1d-4e2f-8a2b-2c2d2e2f2a2b");
    static final UUID COMMITMENT = UUID.fromString("9c9d9e9f-9a9b-4c0d-8e0f-0a0b0c0d0e0f");
    static final UUID DESIGN = UUID.fromString("7e7f7a7b-7c7d-4e8f-8a9b-0c1d2e3f4a5b");
    static final LeadMeasureChecklist CHECKLIST = new LeadMeasureChecklist(
            new Criterion(true, "More visits have meant more members before"),
            new Criterion(true, "The team books the visits itself"),
            new Criterion(true, "Counted per visit carried out"),
            new Criterion(true, "No one else needs to act"),
            new Criterion(true, "Every week"));

    private Samples() {
    }

    static List<LoopEvent> all() {
        return List.of(
                new WigDefined(WIG, TEAM, UNIT, PARENT, "Grow from 10 to 30 net new members a month",
                        new LagMeasure("net-new-members", "members/month", BigDecimal.TEN, BigDecimal.valueOf(30),
                                LocalDate.parse("2026-09-01"), LocalDate.parse("2027-06-30"), Cadence.MONTH)),
                new LagReadingRecorded(WIG, TEAM, UNIT, "2026-11", BigDecimal.valueOf(14)),
                new LagReadingCorrected(WIG, TEAM, UNIT, "2026-11", BigDecimal.valueOf(15), BigDecimal.valueOf(14)),
                new WigRevised(WIG, TEAM, UNIT, "Grow from 10 to 35 net new members a month", BigDecimal.valueOf(35),
                        LocalDate.parse("2027-09-30"), "The first half went better than planned"),
                new WigAchieved(WIG, TEAM, UNIT),
                new WigAbandoned(WIG, TEAM, UNIT, "The unit was merged"),
                new UnitCreated(UNIT, "Region office North", MANAGER),
                new UnitManagerChanged(UNIT, MEMBER, MANAGER),
                new TeamCreated(TEAM, UNIT, "Recruitment team A"),
                new MemberJoined(TEAM, UNIT, MEMBER, TeamRole.MEMBER,
                        "8b1a9953c4611296a827abf8c47804d7e6c49c6b0f8b6ef1a8a2d5a8b8f8e0c1", 2),
                new MemberRoleChanged(TEAM, UNIT, MEMBER, TeamRole.TEAM_LEAD, TeamRole.MEMBER),
                new MemberLeft(TEAM, UNIT, MEMBER),
                new MemberErased(MEMBER),
                new LeadMeasureProposed(LEAD, WIG, TEAM, UNIT, "Workplace visits", "workplace-visit", 5,
                        "Five visits a week bring ten net new members a month", CHECKLIST),
                new LeadMeasureActivated(REPLACEMENT, WIG, TEAM, UNIT, "workplace-visit", 6, LEAD,
                        "Execution is stable and the lag measure does not move", AGREEMENT, "apt:2026-11",
                        Instant.parse("2026-11-27T09:00:00Z")),
                new LeadMeasureRetired(LEAD, WIG, TEAM, UNIT, "Execution is stable and the lag measure does not move",
                        REPLACEMENT, AGREEMENT, "apt:2026-11"),
                new LeadReadingRecorded(LEAD, TEAM, UNIT, "2026-W48", 4),
                new LeadReadingCorrected(LEAD, TEAM, UNIT, "2026-W48", 5, 4),
                new ActivityCarriedOut(ACTIVITY, TEAM, UNIT, "workplace-visit", LEAD, DESIGN, 2, "call-centre",
                        Instant.parse("2026-11-26T09:30:00Z"), 4, 5, IntentionReached.PARTLY,
                        List.of(new Adaptation("frames", "Met in the lunch room instead", "The meeting room was taken")),
                        Map.of("membersRecruited", 3)),
                new DesignCreated(DESIGN, UNIT, TEAM, "Lunch-room visit", "workplace-visit", LEAD, List.of("call-centre"),
                        "Everyone present understands what the union does for them",
                        new Frames(30, "Lunch room", List.of("two recruiters", "local representative"), List.of("leaflet")),
                        new Content(List.of("Introduce", "Ask about the workplace", "Invite to join"), List.of("Wages", "Safety")),
                        "Short visits at lunch reach more people"),
                new DesignRevised(DESIGN, UNIT, TEAM, 2, null, null,
                        new Content(List.of("Introduce", "Ask about the workplace", "Story from a member", "Invite to join"), List.of("Wages")),
                        null, "Stories got the intention through", AGREEMENT),
                new DesignForked(UUID.fromString("8e8f8a8b-8c8d-4e9f-8a0b-1c2d3e4f5a6b"), UNIT, TEAM, "Break-room visit",
                        "workplace-visit", LEAD, List.of("small-6-30"), "Everyone present understands what the union does for them",
                        new Frames(20, "Break room", List.of("one recruiter"), List.of("leaflet")),
                        new Content(List.of("Introduce", "Invite to join"), List.of("Wages")), "Small workplaces want it brief",
                        DESIGN, 2, "Small workplaces need a shorter visit", AGREEMENT),
                new DesignRetired(DESIGN, UNIT, TEAM, "Replaced by the break-room visit", AGREEMENT),
                new ActivityPlanned(ACTIVITY, TEAM, UNIT, "workplace-visit", LEAD, DESIGN, 2,
                        Instant.parse("2026-11-26T09:00:00Z"), new Workplace("WP-0042", "call-centre", 120), List.of(MEMBER),
                        "Booked the lunch room; printed leaflets", "Asking about the workplace first opens the conversation"),
                new ActivityEvaluated(ACTIVITY, TEAM, UNIT, DESIGN, 2, "call-centre",
                        new Filtering(List.of("Questions about wages"), List.of("Noise from the coffee machine")),
                        new QualityScores(4, 3, 4, 5, 4, 3),
                        List.of(new ImprovementProposal("frames", "Book a quieter room"))),
                new ActivityCancelled(ACTIVITY, TEAM, UNIT, "The workplace closed that day"),
                new FeedbackGiven(ACTIVITY, TEAM, UNIT, DESIGN, 2, MEMBER, MANAGER,
                        List.of(new FeedbackItem("keep", "content", "The member story worked"),
                                new FeedbackItem("improve", "frames", "Start on time"))),
                new AgreementMade(AGREEMENT, UUID.fromString("3c3d3e3f-3a3b-4c4d-8e4f-5a5b5c5d5e5f"), UNIT, TEAM, "2026-11",
                        AgreementKind.REPLACE_LEAD_MEASURE, null, LEAD, REPLACEMENT, null,
                        "Visits are carried out well and the lag measure does not move", List.of(UUID.fromString("4d4e4f4a-4b4c-4d4e-8f4a-4b4c4d4e4f4a")),
                        List.of(ACTIVITY), null, null, null, null),
                new LearningRecorded(LEARNING, TEAM, UNIT, "A quiet room lets the intention get through", "frames",
                        List.of("during", "frames", "focus"), List.of(ACTIVITY), CANDIDATE),
                new CandidateDismissed(CANDIDATE, TEAM, UNIT, ACTIVITY, "The room cannot be changed"),
                new CandidateMerged(CANDIDATE, TEAM, UNIT, ACTIVITY, LEARNING),
                new WorkplaceMeetingOpened(UUID.fromString("3c3d3e3f-3a3b-4c4d-8e4f-5a5b5c5d5e5f"), UNIT, "2026-11", List.of(TEAM)),
                new CoachingNoteAdded(UUID.fromString("3c3d3e3f-3a3b-4c4d-8e4f-5a5b5c5d5e5f"), UNIT, TEAM,
                        UUID.fromString("7a7b7c7d-7e7f-4a8b-8c9d-0e1f2a3b4c5d"), "Ask what the stories changed", MEMBER),
                new AgreementRecorded(AGREEMENT, UUID.fromString("3c3d3e3f-3a3b-4c4d-8e4f-5a5b5c5d5e5f"), UNIT, TEAM, "2026-11",
                        AgreementKind.REVISE_DESIGN, DESIGN, null, null, null, "Stories got the intention through",
                        List.of(LEARNING), List.of(ACTIVITY), "Everyone present knows how to join",
                        new Frames(25, "Lunch room", List.of("two recruiters"), List.of("leaflet")),
                        new Content(List.of("Introduce", "Story from a member", "Invite to join"), List.of("Wages")),
                        "A member's story gets the intention through"),
                new WorkplaceMeetingClosed(UUID.fromString("3c3d3e3f-3a3b-4c4d-8e4f-5a5b5c5d5e5f"), UNIT, "2026-11",
                        List.of(AGREEMENT), List.of(TEAM)),
                new LoopIterationClosed(TEAM, UNIT, 2, "2026-11", "2026-11",
                        UUID.fromString("3c3d3e3f-3a3b-4c4d-8e4f-5a5b5c5d5e5f"), List.of(AGREEMENT)),
                new LoopIterationOpened(TEAM, UNIT, 3, "2026-12", UUID.fromString("3c3d3e3f-3a3b-4c4d-8e4f-5a5b5c5d5e5f")),
                new WigMeetingOpened(WIG_MEETING, TEAM, UNIT, "2026-W48", List.of(COMMITMENT), List.of(CANDIDATE)),
                new WigMeetingHeld(WIG_MEETING, TEAM, UNIT, "2026-W48",
                        List.of(new WigMeetingHeld.Accountability(COMMITMENT, false, "The workplace cancelled")),
                        List.of(new WigMeetingHeld.Commitment(UUID.fromString("6a6b6c6d-6e6f-4a7b-8c8d-9e9f0a0b0c0d"),
                                MEMBER, "Book two lunch-room visits", LEAD, "2026-W49")),
                        List.of(LEARNING)));
    }
}
