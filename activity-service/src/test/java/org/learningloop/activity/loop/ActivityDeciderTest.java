package org.learningloop.activity.loop;

import org.junit.jupiter.api.Test;
import org.learningloop.activity.loop.ActivityCommand.CancelActivity;
import org.learningloop.activity.loop.ActivityCommand.CarryOutActivity;
import org.learningloop.activity.loop.ActivityCommand.EvaluateActivity;
import org.learningloop.activity.loop.ActivityCommand.GiveFeedback;
import org.learningloop.activity.loop.ActivityCommand.PlanActivity;
import org.learningloop.activity.loop.ActivityState.PlannedActivity;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityEvent;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.Adaptation;
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
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.activity.Workplace;
import org.learningloop.testing.DeciderSpecification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.decider.CommandRejected.Reason.NOT_FOUND;
import static org.learningloop.decider.CommandRejected.Reason.RULE_VIOLATED;
import static org.learningloop.decider.CommandRejected.Reason.UNPROCESSABLE;

class ActivityDeciderTest {

    static final UUID ACTIVITY = UUID.fromString("5a5b5c5d-5e5f-4a6b-8c7d-8e9f0a1b2c3d");
    static final UUID TEAM = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    static final UUID UNIT = UUID.fromString("d4c3b2a1-f6e5-4b7a-9d8c-5c4b3a2f1e0d");
    static final UUID LEAD_MEASURE = UUID.fromString("12345678-9abc-4def-8123-456789abcdef");
    static final UUID DESIGN = UUID.fromString("7e7f7a7b-7c7d-4e8f-8a9b-0c1d2e3f4a5b");
    static final UUID ANNA = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final UUID BO = UUID.fromString("66666666-7777-4888-8999-aaaaaaaaaaaa");
    static final UUID STRANGER = UUID.fromString("bbbbbbbb-cccc-4ddd-8eee-ffffffffffff");
    static final Instant SCHEDULED = Instant.parse("2026-11-26T09:00:00Z");
    static final Instant CARRIED_OUT = Instant.parse("2026-11-26T09:30:00Z");
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Workplace WORKPLACE = new Workplace("WP-0042", "call-centre", 120);

    static final DesignCreated DESIGN_CREATED = new DesignCreated(DESIGN, UNIT, TEAM, "Lunch-room visit", "workplace-visit",
            LEAD_MEASURE, List.of("call-centre"), "Members see what the union does for them",
            new Frames(45, "Lunch room", List.of("two recruiters"), List.of("leaflets")),
            new Content(List.of("Ask about the workplace"), List.of("Salary review")), "Asking first opens the conversation");
    static final DesignFacts DESIGN_V2 = DesignFacts.of(DESIGN, List.of(DESIGN_CREATED,
            new DesignRevised(DESIGN, UNIT, TEAM, 2, "Sharper intention", null, null, null, "Agreed at APT", null)));

    static final ActivityPlanned PLANNED = new ActivityPlanned(ACTIVITY, TEAM, UNIT, "workplace-visit", LEAD_MEASURE,
            DESIGN, 2, SCHEDULED, WORKPLACE, List.of(ANNA, BO), "Booked the lunch room", "Asking first opens it");
    static final List<Adaptation> ADAPTATIONS = List.of(new Adaptation("frames", "Met in the lunch room instead",
            "The meeting room was taken"));
    static final ActivityCarriedOut CARRIED = new ActivityCarriedOut(ACTIVITY, TEAM, UNIT, "workplace-visit",
            LEAD_MEASURE, DESIGN, 2, "call-centre", CARRIED_OUT, 4, 5, IntentionReached.PARTLY, ADAPTATIONS,
            Map.of("membersRecruited", 3));
    static final Filtering FILTERING = new Filtering(List.of("Questions about pay"), List.of("The coffee machine"));
    static final QualityScores QUALITY = new QualityScores(4, 3, 4, 5, 4, 3);
    static final List<ImprovementProposal> PROPOSALS = List.of(new ImprovementProposal("content", "Start with pay"));
    static final ActivityEvaluated EVALUATED = new ActivityEvaluated(ACTIVITY, TEAM, UNIT, DESIGN, 2, "call-centre",
            FILTERING, QUALITY, PROPOSALS);
    static final List<FeedbackItem> ITEMS = List.of(new FeedbackItem("keep", "presence", "You listened well"),
            new FeedbackItem("improve", "content", "Bring the salary figures"));
    static final ActivityCancelled CANCELLED = new ActivityCancelled(ACTIVITY, TEAM, UNIT, "The workplace closed");

    private final DeciderSpecification<ActivityCommand, ActivityEvent, ActivityState> spec =
            DeciderSpecification.of(new ActivityDecider());

    static PlanActivity plan(DesignFacts design, Integer version, UUID unit, boolean segmentKnown, List<UUID> participants) {
        return new PlanActivity(ACTIVITY, TEAM, unit, null, design, version, SCHEDULED, WORKPLACE, segmentKnown,
                participants, "Booked the lunch room", "Asking first opens it");
    }

    static CarryOutActivity carryOut(Instant at) {
        return new CarryOutActivity(ACTIVITY, at, 4, 5, IntentionReached.PARTLY, ADAPTATIONS,
                Map.of("membersRecruited", 3), NOW);
    }

    static final EvaluateActivity EVALUATE = new EvaluateActivity(ACTIVITY, FILTERING, QUALITY, PROPOSALS);
    static final GiveFeedback FEEDBACK = new GiveFeedback(ACTIVITY, ANNA, BO, ITEMS);
    static final CancelActivity CANCEL = new CancelActivity(ACTIVITY, "The workplace closed");

    // ---- plan ----------------------------------------------------------------------------------------------

    @Test
    void givenDesignAtVersion2_whenPlannedWithoutVersionUnitOrLeadMeasure_thenThoseAndTheTypeOfTheDesign() {
        PlannedActivity state = (PlannedActivity) spec.given()
                .when(plan(DESIGN_V2, null, null, true, List.of(ANNA, BO)))
                .then(PLANNED);
        assertThat(ActivityApi.status(state.status())).isEqualTo("planned");
    }

    @Test
    void givenDesignAtVersion2_whenPlannedWithVersion1_thenThatVersion() {
        spec.given().when(plan(DESIGN_V2, 1, UNIT, true, List.of(ANNA, BO)))
                .then(new ActivityPlanned(ACTIVITY, TEAM, UNIT, "workplace-visit", LEAD_MEASURE, DESIGN, 1, SCHEDULED,
                        WORKPLACE, List.of(ANNA, BO), "Booked the lunch room", "Asking first opens it"));
    }

    @Test
    void givenDesign_whenPlannedForAnotherLeadMeasure_thenThatLeadMeasure() {
        UUID other = UUID.randomUUID();
        spec.given().when(new PlanActivity(ACTIVITY, TEAM, null, other, DESIGN_V2, null, SCHEDULED, WORKPLACE, true,
                        List.of(ANNA, BO), "Booked the lunch room", "Asking first opens it"))
                .then(new ActivityPlanned(ACTIVITY, TEAM, UNIT, "workplace-visit", other, DESIGN, 2, SCHEDULED,
                        WORKPLACE, List.of(ANNA, BO), "Booked the lunch room", "Asking first opens it"));
    }

    @Test
    void givenNoDesign_whenPlanned_thenUnprocessable() {
        spec.given().when(plan(DesignFacts.none(DESIGN), null, null, true, List.of(ANNA)))
                .thenRejected(UNPROCESSABLE, "design-not-found");
    }

    @Test
    void givenRetiredDesign_whenPlanned_thenRuleViolated() {
        DesignFacts retired = DesignFacts.of(DESIGN, List.of(DESIGN_CREATED,
                new DesignRetired(DESIGN, UNIT, TEAM, "Does not work", null)));
        spec.given().when(plan(retired, null, null, true, List.of(ANNA))).thenRejected(RULE_VIOLATED, "design-retired");
    }

    @Test
    void givenDesignAtVersion2_whenPlannedWithVersion3_thenUnprocessable() {
        spec.given().when(plan(DESIGN_V2, 3, null, true, List.of(ANNA)))
                .thenRejected(UNPROCESSABLE, "design-version-not-found");
    }

    @Test
    void givenDesignOfOneUnit_whenPlannedForAnother_thenUnprocessable() {
        spec.given().when(plan(DESIGN_V2, null, UUID.randomUUID(), true, List.of(ANNA)))
                .thenRejected(UNPROCESSABLE, "design-of-other-unit");
    }

    @Test
    void givenUnknownSegment_whenPlanned_thenUnprocessableNamingTheField() {
        var rejected = spec.given().when(plan(DESIGN_V2, null, null, false, List.of(ANNA)))
                .thenRejected(UNPROCESSABLE, "segment-not-found");
        assertThat(rejected.fieldErrors()).extracting("field").containsExactly("workplace.segment");
    }

    @Test
    void givenSameParticipantTwice_whenPlanned_thenUnprocessable() {
        spec.given().when(plan(DESIGN_V2, null, null, true, List.of(ANNA, ANNA)))
                .thenRejected(UNPROCESSABLE, "duplicate-participant");
    }

    @Test
    void givenPlannedActivity_whenPlannedAgain_thenRuleViolated() {
        spec.given(PLANNED).when(plan(DESIGN_V2, null, null, true, List.of(ANNA)))
                .thenRejected(RULE_VIOLATED, "activity-exists");
    }

    // ---- carry out -----------------------------------------------------------------------------------------

    @Test
    void givenPlannedActivity_whenCarriedOut_thenCarriedOutWithWhatTheLeadMeasureAndAnalystsNeed() {
        PlannedActivity state = (PlannedActivity) spec.given(PLANNED).when(carryOut(CARRIED_OUT)).then(CARRIED);
        assertThat(state.status()).isEqualTo(PlannedActivity.Status.CARRIED_OUT);
    }

    @Test
    void givenNoActivity_whenCarriedOut_thenNotFound() {
        spec.given().when(carryOut(CARRIED_OUT)).thenRejected(NOT_FOUND, "activity-not-found");
    }

    @Test
    void givenCancelledActivity_whenCarriedOut_thenRuleViolated() {
        spec.given(PLANNED, CANCELLED).when(carryOut(CARRIED_OUT)).thenRejected(RULE_VIOLATED, "activity-cancelled");
    }

    @Test
    void givenCarriedOutActivity_whenCarriedOutAgain_thenRuleViolated() {
        spec.given(PLANNED, CARRIED).when(carryOut(CARRIED_OUT)).thenRejected(RULE_VIOLATED, "activity-already-carried-out");
    }

    @Test
    void givenPlannedActivity_whenCarriedOutInTheFuture_thenUnprocessable() {
        spec.given(PLANNED).when(carryOut(NOW.plusSeconds(60))).thenRejected(UNPROCESSABLE, "carried-out-in-future");
    }

    // ---- evaluate ------------------------------------------------------------------------------------------

    @Test
    void givenCarriedOutActivity_whenEvaluated_thenEvaluatedWithDesignVersionAndSegment() {
        PlannedActivity state = (PlannedActivity) spec.given(PLANNED, CARRIED).when(EVALUATE).then(EVALUATED);
        assertThat(state.status()).isEqualTo(PlannedActivity.Status.EVALUATED);
    }

    @Test
    void givenPlannedActivity_whenEvaluatedBeforeCarryingOut_thenRuleViolated() {
        spec.given(PLANNED).when(EVALUATE).thenRejected(RULE_VIOLATED, "activity-not-carried-out");
    }

    @Test
    void givenEvaluatedActivity_whenEvaluatedAgain_thenRuleViolated() {
        spec.given(PLANNED, CARRIED, EVALUATED).when(EVALUATE).thenRejected(RULE_VIOLATED, "activity-already-evaluated");
    }

    @Test
    void givenCancelledActivity_whenEvaluated_thenRuleViolated() {
        spec.given(PLANNED, CANCELLED).when(EVALUATE).thenRejected(RULE_VIOLATED, "activity-cancelled");
    }

    @Test
    void givenNoActivity_whenEvaluated_thenNotFound() {
        spec.given().when(EVALUATE).thenRejected(NOT_FOUND, "activity-not-found");
    }

    // ---- feedback ------------------------------------------------------------------------------------------

    @Test
    void givenCarriedOutActivity_whenParticipantGivesFeedbackToColleague_thenFeedbackGiven() {
        spec.given(PLANNED, CARRIED).when(FEEDBACK)
                .then(new FeedbackGiven(ACTIVITY, TEAM, UNIT, DESIGN, 2, ANNA, BO, ITEMS));
    }

    @Test
    void givenEvaluatedActivityWithFeedback_whenMoreFeedbackToSelf_thenGivenAgain() {
        FeedbackGiven first = new FeedbackGiven(ACTIVITY, TEAM, UNIT, DESIGN, 2, ANNA, BO, ITEMS);
        PlannedActivity state = (PlannedActivity) spec.given(PLANNED, CARRIED, EVALUATED, first)
                .when(new GiveFeedback(ACTIVITY, BO, BO, ITEMS))
                .then(new FeedbackGiven(ACTIVITY, TEAM, UNIT, DESIGN, 2, BO, BO, ITEMS));
        assertThat(state.feedback()).hasSize(2);
    }

    @Test
    void givenPlannedActivity_whenFeedbackBeforeCarryingOut_thenRuleViolated() {
        spec.given(PLANNED).when(FEEDBACK).thenRejected(RULE_VIOLATED, "activity-not-carried-out");
    }

    @Test
    void givenCarriedOutActivity_whenFeedbackFromOrToNonParticipant_thenUnprocessableNamingBoth() {
        var rejected = spec.given(PLANNED, CARRIED).when(new GiveFeedback(ACTIVITY, STRANGER, STRANGER, ITEMS))
                .thenRejected(UNPROCESSABLE, "not-a-participant");
        assertThat(rejected.fieldErrors()).extracting("field").containsExactly("fromMemberId", "toMemberId");
    }

    @Test
    void givenCancelledActivity_whenFeedback_thenRuleViolated() {
        spec.given(PLANNED, CANCELLED).when(FEEDBACK).thenRejected(RULE_VIOLATED, "activity-cancelled");
    }

    @Test
    void givenNoActivity_whenFeedback_thenNotFound() {
        spec.given().when(FEEDBACK).thenRejected(NOT_FOUND, "activity-not-found");
    }

    // ---- cancel --------------------------------------------------------------------------------------------

    @Test
    void givenPlannedActivity_whenCancelled_thenCancelled() {
        PlannedActivity state = (PlannedActivity) spec.given(PLANNED).when(CANCEL).then(CANCELLED);
        assertThat(state.status()).isEqualTo(PlannedActivity.Status.CANCELLED);
    }

    @Test
    void givenCarriedOutActivity_whenCancelled_thenRuleViolated() {
        spec.given(PLANNED, CARRIED).when(CANCEL).thenRejected(RULE_VIOLATED, "activity-already-carried-out");
    }

    @Test
    void givenCancelledActivity_whenCancelledAgain_thenRuleViolated() {
        spec.given(PLANNED, CANCELLED).when(CANCEL).thenRejected(RULE_VIOLATED, "activity-cancelled");
    }

    @Test
    void givenNoActivity_whenCancelled_thenNotFound() {
        spec.given().when(CANCEL).thenRejected(NOT_FOUND, "activity-not-found");
    }

    // ---- design facts --------------------------------------------------------------------------------------

    @Test
    void designFactsFollowTheDesignsEvents() {
        assertThat(DESIGN_V2.exists()).isTrue();
        assertThat(DESIGN_V2.currentVersion()).isEqualTo(2);
        assertThat(DESIGN_V2.activityType()).isEqualTo("workplace-visit");
        assertThat(DESIGN_V2.unitId()).isEqualTo(UNIT);
        assertThat(DESIGN_V2.retired()).isFalse();
        assertThat(DesignFacts.none(DESIGN).exists()).isFalse();
    }

    @Test
    void designFactsOfAForkAreItsOwn_andARetirementKeepsTheVersion() {
        UUID fork = UUID.randomUUID();
        DesignFacts forked = DesignFacts.of(fork, List.of(new DesignForked(fork, UNIT, TEAM, "Small-workplace visit",
                "workplace-visit", LEAD_MEASURE, List.of("small-6-30"), "Intention", null, null, "Hypothesis", DESIGN, 2,
                "Call centres differ", null)));
        assertThat(forked.currentVersion()).isEqualTo(1);
        assertThat(forked.segments()).containsExactly("small-6-30");
        assertThat(forked.leadMeasureId()).isEqualTo(LEAD_MEASURE);

        DesignFacts retired = DesignFacts.of(DESIGN, List.of(DESIGN_CREATED,
                new DesignRevised(DESIGN, UNIT, TEAM, 2, null, null, null, null, "Sharper", null),
                new DesignRetired(DESIGN, UNIT, TEAM, "Does not work", null)));
        assertThat(retired.retired()).isTrue();
        assertThat(retired.currentVersion()).isEqualTo(2);
    }
}
