package org.learningloop.activity.design;

import org.junit.jupiter.api.Test;
import org.learningloop.activity.design.DesignCommand.CreateDesign;
import org.learningloop.activity.design.DesignCommand.ForkDesign;
import org.learningloop.activity.design.DesignCommand.RetireDesign;
import org.learningloop.activity.design.DesignCommand.ReviseDesign;
import org.learningloop.activity.design.DesignState.DefinedDesign;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignEvent;
import org.learningloop.contracts.activity.DesignForked;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.testing.DeciderSpecification;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DesignDeciderTest {

    private static final UUID DESIGN = UUID.randomUUID();
    private static final UUID FORK = UUID.randomUUID();
    private static final UUID UNIT = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID LEAD = UUID.randomUUID();
    private static final UUID AGREEMENT = UUID.randomUUID();
    private static final Frames FRAMES = new Frames(45, "Staff room", List.of("union representative"), List.of("leaflets"));
    private static final Frames LONGER = new Frames(60, "Staff room", List.of("union representative"), List.of("leaflets"));
    private static final Content CONTENT = new Content(List.of("Introduce", "Listen"), List.of("Insurance"));
    private static final DesignCreated CREATED = new DesignCreated(DESIGN, UNIT, TEAM, "Lunch-room visit", "workplace-visit",
            LEAD, List.of("call-centre"), "Everyone knows what the union does", FRAMES, CONTENT, "Lunch lowers the threshold");
    private static final DesignRevised REVISED = new DesignRevised(DESIGN, UNIT, TEAM, 2, null, LONGER, null, null,
            "Lunch is too short", null);
    private static final DesignRetired RETIRED = new DesignRetired(DESIGN, UNIT, TEAM, "Replaced", null);

    private final DeciderSpecification<DesignCommand, DesignEvent, DesignState> spec =
            DeciderSpecification.of(new DesignDecider());

    private static CreateDesign create(boolean typeKnown, List<String> segments, List<String> unknown) {
        return new CreateDesign(DESIGN, UNIT, TEAM, "Lunch-room visit", "workplace-visit", typeKnown, LEAD, segments,
                unknown, "Everyone knows what the union does", FRAMES, CONTENT, "Lunch lowers the threshold");
    }

    // ---- create ----------------------------------------------------------------------------------------------

    @Test
    void givenNothing_whenCreated_thenVersionOne() {
        DefinedDesign design = (DefinedDesign) spec.given().when(create(true, List.of("call-centre"), List.of())).then(CREATED);
        assertThat(design.current().version()).isEqualTo(1);
        assertThat(design.current().changed()).containsExactly("intention", "frames", "content", "hypothesis");
        assertThat(design.retired()).isFalse();
    }

    @Test
    void givenUnknownActivityType_whenCreated_then422NamingActivityType() {
        CommandRejected rejected = spec.given().when(create(false, List.of("call-centre"), List.of()))
                .thenRejected(Reason.UNPROCESSABLE, "unknown-activity-type");
        assertThat(rejected.fieldErrors()).extracting(CommandRejected.FieldError::field).containsExactly("activityType");
    }

    @Test
    void givenUnknownSegment_whenCreated_then422NamingTheSegment() {
        CommandRejected rejected = spec.given().when(create(true, List.of("call-centre", "moon-base"), List.of("moon-base")))
                .thenRejected(Reason.UNPROCESSABLE, "unknown-segment");
        assertThat(rejected.fieldErrors()).extracting(CommandRejected.FieldError::field).containsExactly("segments[1]");
    }

    @Test
    void givenSegmentNamedTwice_whenCreated_then422() {
        spec.given().when(create(true, List.of("call-centre", "call-centre"), List.of()))
                .thenRejected(Reason.UNPROCESSABLE, "duplicate-segments");
    }

    @Test
    void givenExistingDesign_whenCreatedAgain_then409() {
        spec.given(CREATED).when(create(true, List.of("call-centre"), List.of()))
                .thenRejected(Reason.RULE_VIOLATED, "design-exists");
    }

    // ---- revise ----------------------------------------------------------------------------------------------

    @Test
    void givenDesign_whenFramesRevised_thenVersionTwoHoldsOnlyTheFrames() {
        DefinedDesign design = (DefinedDesign) spec.given(CREATED)
                .when(new ReviseDesign(DESIGN, "Everyone knows what the union does", LONGER, CONTENT, null,
                        "Lunch is too short", null))
                .then(REVISED);
        assertThat(design.current().version()).isEqualTo(2);
        assertThat(design.current().frames()).isEqualTo(LONGER);
        assertThat(design.current().content()).isEqualTo(CONTENT);
        assertThat(design.current().changed()).containsExactly("frames");
        assertThat(design.version(1).frames()).isEqualTo(FRAMES);
    }

    @Test
    void givenDesign_whenRevisedWithNothingChanged_thenNoEvent() {
        spec.given(CREATED).when(new ReviseDesign(DESIGN, null, FRAMES, null, null, "Same", null)).then();
    }

    @Test
    void givenDesign_whenRevisedByAnAgreementWithoutChanges_thenANewVersionCarryingTheAgreement() {
        DefinedDesign design = (DefinedDesign) spec.given(CREATED, REVISED)
                .when(new ReviseDesign(DESIGN, null, null, null, null, "The meeting agreed", AGREEMENT))
                .then(new DesignRevised(DESIGN, UNIT, TEAM, 3, null, null, null, null, "The meeting agreed", AGREEMENT));
        assertThat(design.agreementIds()).containsExactly(AGREEMENT);
        assertThat(design.current().changed()).isEmpty();
        assertThat(design.current().frames()).isEqualTo(LONGER);
    }

    @Test
    void givenAgreementAlreadyApplied_whenRevisedByItAgain_thenNoEvent_evenWhenRetiredSince() {
        DesignRevised byAgreement = new DesignRevised(DESIGN, UNIT, TEAM, 2, null, null, null, null, "Agreed", AGREEMENT);
        spec.given(CREATED, byAgreement).when(new ReviseDesign(DESIGN, null, null, null, null, "Agreed", AGREEMENT)).then();
        spec.given(CREATED, byAgreement, RETIRED)
                .when(new ReviseDesign(DESIGN, null, null, null, null, "Agreed", AGREEMENT)).then();
    }

    @Test
    void givenRetiredDesign_whenRevised_then409() {
        spec.given(CREATED, RETIRED).when(new ReviseDesign(DESIGN, "New", null, null, null, "Why", null))
                .thenRejected(Reason.RULE_VIOLATED, "design-retired");
        spec.given(CREATED, RETIRED).when(new ReviseDesign(DESIGN, null, null, null, null, "Why", null))
                .thenRejected(Reason.RULE_VIOLATED, "design-retired");
    }

    @Test
    void givenNoDesign_whenRevised_then404() {
        spec.given().when(new ReviseDesign(DESIGN, "New", null, null, null, "Why", null))
                .thenRejected(Reason.NOT_FOUND, "design-not-found");
    }

    // ---- fork ------------------------------------------------------------------------------------------------

    private static DefinedDesign source(DesignEvent... events) {
        return (DefinedDesign) new DesignDecider().fold(List.of(events));
    }

    @Test
    void givenDesignAtVersionTwo_whenForkedOfVersionOne_thenNewDesignWithVersionOnesElements() {
        DefinedDesign fork = (DefinedDesign) spec.given()
                .when(new ForkDesign(FORK, source(CREATED, REVISED), 1, List.of("small-6-30"), List.of(), null,
                        "Small places differ", AGREEMENT))
                .then(new DesignForked(FORK, UNIT, TEAM, "Lunch-room visit", "workplace-visit", LEAD,
                        List.of("small-6-30"), "Everyone knows what the union does", FRAMES, CONTENT,
                        "Lunch lowers the threshold", DESIGN, 1, "Small places differ", AGREEMENT));
        assertThat(fork.current().version()).isEqualTo(1);
        assertThat(fork.forkedFrom()).isEqualTo(new DesignState.ForkedFrom(DESIGN, 1));
        assertThat(fork.agreementIds()).containsExactly(AGREEMENT);
    }

    @Test
    void givenDesign_whenForkedWithoutVersion_thenTheCurrentOne_andRetiredDesignsCanBeForked() {
        spec.given().when(new ForkDesign(FORK, source(CREATED, REVISED, RETIRED), null, List.of("public-sector"), List.of(),
                        "Public visit", null, null))
                .then(new DesignForked(FORK, UNIT, TEAM, "Public visit", "workplace-visit", LEAD, List.of("public-sector"),
                        "Everyone knows what the union does", LONGER, CONTENT, "Lunch lowers the threshold", DESIGN, 2,
                        null, null));
    }

    @Test
    void givenFork_whenRulesBroken_thenRejected() {
        DefinedDesign source = source(CREATED, REVISED);
        spec.given().when(new ForkDesign(FORK, new DesignState.NoDesign(), null, List.of("small-6-30"), List.of(), null,
                null, null)).thenRejected(Reason.NOT_FOUND, "design-not-found");
        spec.given().when(new ForkDesign(FORK, source, 3, List.of("small-6-30"), List.of(), null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "unknown-design-version");
        spec.given().when(new ForkDesign(FORK, source, null, List.of("moon-base"), List.of("moon-base"), null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "unknown-segment");
        spec.given().when(new ForkDesign(FORK, source, null, List.of("call-centre"), List.of(), null, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "fork-for-same-segments");
        spec.given().when(new ForkDesign(FORK, source, null, List.of("small-6-30", "small-6-30"), List.of(), null, null,
                null)).thenRejected(Reason.UNPROCESSABLE, "duplicate-segments");
        spec.given(CREATED).when(new ForkDesign(DESIGN, source, null, List.of("small-6-30"), List.of(), null, null, null))
                .thenRejected(Reason.RULE_VIOLATED, "design-exists");
    }

    // ---- retire ----------------------------------------------------------------------------------------------

    @Test
    void givenDesign_whenRetired_thenRetired_andItsVersionsStay() {
        DefinedDesign design = (DefinedDesign) spec.given(CREATED, REVISED)
                .when(new RetireDesign(DESIGN, "Replaced", null)).then(RETIRED);
        assertThat(design.retired()).isTrue();
        assertThat(design.versions()).hasSize(2);
    }

    @Test
    void givenRetiredDesign_whenRetiredAgain_then409_unlessTheSameAgreement() {
        spec.given(CREATED, RETIRED).when(new RetireDesign(DESIGN, "Again", null))
                .thenRejected(Reason.RULE_VIOLATED, "design-retired");
        spec.given(CREATED, new DesignRetired(DESIGN, UNIT, TEAM, "Agreed", AGREEMENT))
                .when(new RetireDesign(DESIGN, "Agreed", AGREEMENT)).then();
        spec.given(CREATED, RETIRED).when(new RetireDesign(DESIGN, "Agreed", AGREEMENT))
                .thenRejected(Reason.RULE_VIOLATED, "design-retired");
    }

    @Test
    void givenNoDesign_whenRetired_then404() {
        spec.given().when(new RetireDesign(DESIGN, "Why", null)).thenRejected(Reason.NOT_FOUND, "design-not-found");
    }
}
