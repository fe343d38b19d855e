package org.learningloop.goal.leadmeasure;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.Criterion;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureChecklist;
import org.learningloop.contracts.goal.LeadMeasureEvent;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.LeadMeasureRetired;
import org.learningloop.contracts.goal.LeadReadingCorrected;
import org.learningloop.contracts.goal.LeadReadingRecorded;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.ActivateLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.ProposeLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.RecordLeadReading;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.Replacing;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.RetireLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.WigFound;
import org.learningloop.goal.leadmeasure.LeadMeasureState.DefinedLeadMeasure;
import org.learningloop.testing.DeciderSpecification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LeadMeasureDeciderTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z"); // Friday of 2026-W48
    private static final UUID LEAD = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final UUID WIG = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID UNIT = UUID.randomUUID();
    private static final UUID AGREEMENT = UUID.randomUUID();
    private static final String EVIDENCE = "workplace-meeting:" + UUID.randomUUID();
    private static final WigFound ACTIVE_TEAM_WIG = new WigFound(WIG, true, TEAM, UNIT, true);
    /** The same WIG once achieved or abandoned. */
    private static final WigFound CLOSED_TEAM_WIG = new WigFound(WIG, true, TEAM, UNIT, false);

    private static final LeadMeasureChecklist PASSES = checklist(true, true);
    private static final LeadMeasureProposed PROPOSED = proposed(LEAD, PASSES);
    private static final LeadMeasureActivated ACTIVATED =
            new LeadMeasureActivated(LEAD, WIG, TEAM, UNIT, "workplace-visit", 5, null, null, null, null, NOW);
    private static final LeadMeasureRetired RETIRED =
            new LeadMeasureRetired(LEAD, WIG, TEAM, UNIT, "Another activity", null, null, null);

    private final DeciderSpecification<LeadMeasureCommand, LeadMeasureEvent, LeadMeasureState> spec =
            DeciderSpecification.of(new LeadMeasureDecider());

    static LeadMeasureChecklist checklist(boolean predictive, boolean influenceable) {
        return new LeadMeasureChecklist(new Criterion(predictive, "Visits have brought members before"),
                new Criterion(influenceable, "The team books the visits itself"),
                new Criterion(true, "Counted per visit"), new Criterion(false, "Needs the workplace's consent"),
                new Criterion(true, "Every week"));
    }

    static LeadMeasureProposed proposed(UUID id, LeadMeasureChecklist checklist) {
        return new LeadMeasureProposed(id, WIG, TEAM, UNIT, "Workplace visits", "workplace-visit", 5,
                "Five visits a week bring ten net new members a month", checklist);
    }

    /** Activates {@code LEAD} on its own, now, counting from {@code activeFrom} ({@code null}: from now). */
    static ActivateLeadMeasure activate(Instant activeFrom) {
        return new ActivateLeadMeasure(LEAD, ACTIVE_TEAM_WIG, null, activeFrom, NOW, STOCKHOLM);
    }

    /** Activates {@code OTHER} now in place of the lead measure {@code replacing} names. */
    static ActivateLeadMeasure replace(Replacing replacing) {
        return replace(replacing, ACTIVE_TEAM_WIG);
    }

    /** Activates {@code OTHER} now in place of the lead measure {@code replacing} names, its WIG as {@code wig}. */
    static ActivateLeadMeasure replace(Replacing replacing, WigFound wig) {
        return new ActivateLeadMeasure(OTHER, wig, replacing, null, NOW, STOCKHOLM);
    }

    static ProposeLeadMeasure propose(WigFound wig) {
        return new ProposeLeadMeasure(LEAD, wig, "Workplace visits", "workplace-visit", 5,
                "Five visits a week bring ten net new members a month", PASSES);
    }

    @Nested
    class Propose {

        @Test
        void givenNothing_whenProposedForActiveTeamWig_thenProposedWithTheWigsTeamAndUnit() {
            LeadMeasureState state = spec.given().when(propose(ACTIVE_TEAM_WIG)).then(PROPOSED);
            assertThat(((DefinedLeadMeasure) state).status()).isEqualTo(DefinedLeadMeasure.Status.PROPOSED);
        }

        @Test
        void givenProposed_whenProposedAgain_thenRejected() {
            spec.given(PROPOSED).when(propose(ACTIVE_TEAM_WIG)).thenRejected(Reason.RULE_VIOLATED, "lead-measure-exists");
        }

        @Test
        void whenWigDoesNotExist_thenUnprocessableOnWigId() {
            var rejected = spec.given().when(propose(new WigFound(WIG, false, null, null, false)))
                    .thenRejected(Reason.UNPROCESSABLE, "wig-not-found");
            assertThat(rejected.fieldErrors()).extracting(e -> e.field()).containsExactly("wigId");
        }

        @Test
        void whenWigHasNoTeam_thenNotATeamWig() {
            spec.given().when(propose(new WigFound(WIG, true, null, UNIT, true)))
                    .thenRejected(Reason.UNPROCESSABLE, "not-a-team-wig");
        }

        @Test
        void whenWigIsClosed_thenWigClosed() {
            spec.given().when(propose(new WigFound(WIG, true, TEAM, UNIT, false)))
                    .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
        }
    }

    @Nested
    class Activate {

        @Test
        void givenPredictiveAndInfluenceable_whenActivated_thenActivatedWithActivityTypeAndWeeklyTarget() {
            LeadMeasureState state = spec.given(PROPOSED).when(activate(null)).then(ACTIVATED);
            assertThat(((DefinedLeadMeasure) state).status()).isEqualTo(DefinedLeadMeasure.Status.ACTIVE);
        }

        @Test
        void givenProposed_whenActivatedWithoutActiveFrom_thenItCountsFromNow() {
            LeadMeasureState state = spec.given(PROPOSED).when(activate(null)).then(ACTIVATED);
            assertThat(ACTIVATED.activeFrom()).isEqualTo(NOW);
            assertThat(((DefinedLeadMeasure) state).activation().activeFrom()).isEqualTo(NOW);
        }

        @Test
        void givenProposed_whenActivatedFromThreeWeeksAgo_thenItCountsFromThen() {
            Instant threeWeeksAgo = NOW.minus(Duration.ofDays(21));
            LeadMeasureState state = spec.given(PROPOSED).when(activate(threeWeeksAgo))
                    .then(new LeadMeasureActivated(LEAD, WIG, TEAM, UNIT, "workplace-visit", 5, null, null, null, null,
                            threeWeeksAgo));
            assertThat(((DefinedLeadMeasure) state).activation().activeFrom()).isEqualTo(threeWeeksAgo);
        }

        @Test
        void givenProposed_whenActivatedFromNowExactly_thenItCountsFromNow() {
            spec.given(PROPOSED).when(activate(NOW)).then(ACTIVATED);
        }

        @Test
        void givenProposed_whenActivatedFromASecondInTheFuture_thenUnprocessableOnActiveFrom() {
            var rejected = spec.given(PROPOSED).when(activate(NOW.plusSeconds(1)))
                    .thenRejected(Reason.UNPROCESSABLE, "active-from-in-future");
            assertThat(rejected.fieldErrors()).extracting(e -> e.field()).containsExactly("activeFrom");
        }

        @Test
        void givenProposed_whenActivatedFromTheStartOfTheDayTwoYearsAgo_thenItCountsFromThen() {
            Instant earliest = Instant.parse("2024-11-26T23:00:00Z"); // 2024-11-27 00:00 in Stockholm
            assertThat(LeadMeasureDecider.earliestActiveFrom(NOW, STOCKHOLM)).isEqualTo(earliest);
            spec.given(PROPOSED).when(activate(earliest))
                    .then(new LeadMeasureActivated(LEAD, WIG, TEAM, UNIT, "workplace-visit", 5, null, null, null, null,
                            earliest));
        }

        @Test
        void givenProposed_whenActivatedFromBeforeTwoYearsAgo_thenUnprocessableOnActiveFrom() {
            var rejected = spec.given(PROPOSED).when(activate(Instant.parse("2024-11-26T22:59:59Z")))
                    .thenRejected(Reason.UNPROCESSABLE, "active-from-too-early");
            assertThat(rejected.fieldErrors()).extracting(e -> e.field()).containsExactly("activeFrom");
        }

        @Test
        void givenActive_whenActivatedFromThePast_thenAlreadyActiveRatherThanAnActiveFromError() {
            spec.given(PROPOSED, ACTIVATED).when(activate(Instant.parse("2000-01-01T00:00:00Z")))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-already-active");
        }

        @Test
        void givenActivationWrittenBeforeActiveFrom_whenFolded_thenActiveFromUnknown() {
            LeadMeasureState state = spec.given(PROPOSED,
                    new LeadMeasureActivated(LEAD, WIG, TEAM, UNIT, "workplace-visit", 5, null, null, null, null))
                    .when(new RetireLeadMeasure(LEAD, "Another activity", null, null, null)).then(RETIRED);
            assertThat(((DefinedLeadMeasure) state).activation().activeFrom()).isNull();
        }

        @Test
        void givenNotPredictive_whenActivated_thenRefusedNamingPredictive() {
            var rejected = spec.given(proposed(LEAD, checklist(false, true))).when(activate(null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-not-predictive-and-influenceable");
            assertThat(rejected.detail()).contains("not predictive").doesNotContain("not influenceable");
        }

        @Test
        void givenNotInfluenceable_whenActivated_thenRefusedNamingInfluenceable() {
            var rejected = spec.given(proposed(LEAD, checklist(true, false))).when(activate(null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-not-predictive-and-influenceable");
            assertThat(rejected.detail()).contains("not influenceable").doesNotContain("not predictive");
        }

        @Test
        void givenNeither_whenActivated_thenRefusedNamingBoth() {
            var rejected = spec.given(proposed(LEAD, checklist(false, false))).when(activate(null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-not-predictive-and-influenceable");
            assertThat(rejected.detail()).contains("not predictive and not influenceable");
        }

        @Test
        void givenActive_whenActivated_thenAlreadyActive() {
            spec.given(PROPOSED, ACTIVATED).when(activate(null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-already-active");
        }

        @Test
        void givenRetired_whenActivated_thenRetired() {
            spec.given(PROPOSED, RETIRED).when(activate(null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-retired");
        }

        @Test
        void givenNothing_whenActivated_thenNotFound() {
            spec.given().when(activate(null)).thenRejected(Reason.NOT_FOUND, "lead-measure-not-found");
        }

        @Test
        void givenProposed_whenActivatedAfterItsWigClosed_thenWigClosed() {
            var rejected = spec.given(PROPOSED)
                    .when(new ActivateLeadMeasure(LEAD, CLOSED_TEAM_WIG, null, null, NOW, STOCKHOLM))
                    .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
            assertThat(rejected.detail()).contains(WIG.toString());
        }

        @Test
        void givenProposed_whenActivatedFromThePastAfterItsWigClosed_thenWigClosed() {
            spec.given(PROPOSED)
                    .when(new ActivateLeadMeasure(LEAD, CLOSED_TEAM_WIG, null, NOW.minus(Duration.ofDays(7)), NOW,
                            STOCKHOLM))
                    .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
        }

        @Test
        void givenActive_whenActivatedAfterItsWigClosed_thenAlreadyActive() {
            spec.given(PROPOSED, ACTIVATED)
                    .when(new ActivateLeadMeasure(LEAD, CLOSED_TEAM_WIG, null, null, NOW, STOCKHOLM))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-already-active");
        }
    }

    @Nested
    class Retire {

        @Test
        void givenProposed_whenRetired_thenRetiredWithReason() {
            LeadMeasureState state = spec.given(PROPOSED).when(new RetireLeadMeasure(LEAD, "Another activity", null, null, null))
                    .then(RETIRED);
            assertThat(((DefinedLeadMeasure) state).status()).isEqualTo(DefinedLeadMeasure.Status.RETIRED);
        }

        @Test
        void givenActive_whenRetired_thenRetired() {
            spec.given(PROPOSED, ACTIVATED).when(new RetireLeadMeasure(LEAD, "Another activity", null, null, null))
                    .then(RETIRED);
        }

        @Test
        void givenRetired_whenRetiredAgain_thenRejected() {
            spec.given(PROPOSED, RETIRED).when(new RetireLeadMeasure(LEAD, "Again", null, null, null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-retired");
        }

        @Test
        void givenNothing_whenRetired_thenNotFound() {
            spec.given().when(new RetireLeadMeasure(LEAD, "Why", null, null, null))
                    .thenRejected(Reason.NOT_FOUND, "lead-measure-not-found");
        }
    }

    /** A replacement is a retirement of the old lead measure and an activation of the new one, decided together. */
    @Nested
    class Replace {

        private final LeadMeasureRetired retiredByAgreement = new LeadMeasureRetired(LEAD, WIG, TEAM, UNIT,
                "The lag measure does not move", OTHER, AGREEMENT, EVIDENCE);
        private final Replacing replacingLead = new Replacing(LEAD, WIG, "The lag measure does not move", AGREEMENT,
                EVIDENCE);

        @Test
        void givenActive_whenRetiredForReplacement_thenRetiredNamingReplacementAndEvidence() {
            LeadMeasureState state = spec.given(PROPOSED, ACTIVATED)
                    .when(new RetireLeadMeasure(LEAD, "The lag measure does not move", OTHER, AGREEMENT, EVIDENCE))
                    .then(retiredByAgreement);
            assertThat(((DefinedLeadMeasure) state).replacedBy()).isEqualTo(OTHER);
        }

        @Test
        void givenProposed_whenRetiredForReplacement_thenNotActive() {
            spec.given(PROPOSED).when(new RetireLeadMeasure(LEAD, "Why", OTHER, null, null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-not-active");
        }

        @Test
        void givenActive_whenReplacedByItself_thenUnprocessable() {
            spec.given(PROPOSED, ACTIVATED).when(new RetireLeadMeasure(LEAD, "Why", LEAD, null, null))
                    .thenRejected(Reason.UNPROCESSABLE, "replacement-is-itself");
        }

        @Test
        void givenRetiredBySameAgreementForSameReplacement_whenRetiredAgain_thenNothingNew() {
            spec.given(PROPOSED, ACTIVATED, retiredByAgreement)
                    .when(new RetireLeadMeasure(LEAD, "The lag measure does not move", OTHER, AGREEMENT, EVIDENCE))
                    .then();
        }

        @Test
        void givenRetiredByAnotherAgreement_whenRetiredAgain_thenRetired() {
            spec.given(PROPOSED, ACTIVATED, retiredByAgreement)
                    .when(new RetireLeadMeasure(LEAD, "Why", OTHER, UUID.randomUUID(), null))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-retired");
        }

        @Test
        void givenProposedReplacement_whenActivatedReplacing_thenActivatedNamingReplacedAndEvidence() {
            LeadMeasureState state = spec.given(proposed(OTHER, PASSES)).when(replace(replacingLead))
                    .then(new LeadMeasureActivated(OTHER, WIG, TEAM, UNIT, "workplace-visit", 5, LEAD,
                            "The lag measure does not move", AGREEMENT, EVIDENCE, NOW));
            assertThat(((DefinedLeadMeasure) state).replaces()).isEqualTo(LEAD);
        }

        @Test
        void givenReplacementOfAnotherWig_whenActivatedReplacing_thenUnprocessable() {
            var rejected = spec.given(proposed(OTHER, PASSES))
                    .when(replace(new Replacing(LEAD, UUID.randomUUID(), "Why", null, null)))
                    .thenRejected(Reason.UNPROCESSABLE, "replacement-for-other-wig");
            assertThat(rejected.fieldErrors()).extracting(e -> e.field()).containsExactly("replacementId");
        }

        @Test
        void givenReplacementNotPredictive_whenActivatedReplacing_thenRefused() {
            spec.given(proposed(OTHER, checklist(false, true))).when(replace(replacingLead))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-not-predictive-and-influenceable");
        }

        @Test
        void givenNoReplacement_whenActivatedReplacing_thenUnprocessableRatherThanNotFound() {
            spec.given().when(replace(replacingLead))
                    .thenRejected(Reason.UNPROCESSABLE, "replacement-not-found");
        }

        @Test
        void givenReplacementAlreadyActive_whenActivatedReplacing_thenAlreadyActive() {
            spec.given(proposed(OTHER, PASSES), new LeadMeasureActivated(OTHER, WIG, TEAM, UNIT, "workplace-visit", 5,
                            null, null, null, null))
                    .when(replace(replacingLead))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-already-active");
        }

        @Test
        void givenActivatedBySameAgreement_whenActivatedReplacingAgain_thenNothingNew() {
            spec.given(proposed(OTHER, PASSES), new LeadMeasureActivated(OTHER, WIG, TEAM, UNIT, "workplace-visit", 5,
                            LEAD, "The lag measure does not move", AGREEMENT, EVIDENCE))
                    .when(replace(replacingLead))
                    .then();
        }

        @Test
        void givenProposedReplacement_whenActivatedReplacingAfterTheWigClosed_thenWigClosed() {
            spec.given(proposed(OTHER, PASSES)).when(replace(replacingLead, CLOSED_TEAM_WIG))
                    .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
        }

        @Test
        void givenActivatedBySameAgreement_whenActivatedReplacingAgainAfterTheWigClosed_thenNothingNew() {
            spec.given(proposed(OTHER, PASSES), new LeadMeasureActivated(OTHER, WIG, TEAM, UNIT, "workplace-visit", 5,
                            LEAD, "The lag measure does not move", AGREEMENT, EVIDENCE))
                    .when(replace(replacingLead, CLOSED_TEAM_WIG))
                    .then();
        }

        @Test
        void givenRetiredReplacement_whenActivatedReplacing_thenRetired() {
            spec.given(proposed(OTHER, PASSES), new LeadMeasureRetired(OTHER, WIG, TEAM, UNIT, "No", null, null, null))
                    .when(replace(replacingLead))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-retired");
        }
    }

    @Nested
    class Readings {

        @Test
        void givenProposed_whenCounted_thenRecorded() {
            LeadMeasureState state = spec.given(PROPOSED).when(new RecordLeadReading(LEAD, "2026-W47", 4, NOW, STOCKHOLM))
                    .then(new LeadReadingRecorded(LEAD, TEAM, UNIT, "2026-W47", 4));
            assertThat(((DefinedLeadMeasure) state).readings()).containsEntry("2026-W47", 4);
        }

        @Test
        void givenActive_whenCurrentWeekCounted_thenRecorded() {
            spec.given(PROPOSED, ACTIVATED).when(new RecordLeadReading(LEAD, "2026-W48", 0, NOW, STOCKHOLM))
                    .then(new LeadReadingRecorded(LEAD, TEAM, UNIT, "2026-W48", 0));
        }

        @Test
        void givenCount_whenSameWeekOtherCount_thenCorrectedWithPreviousCount() {
            spec.given(PROPOSED, new LeadReadingRecorded(LEAD, TEAM, UNIT, "2026-W47", 4))
                    .when(new RecordLeadReading(LEAD, "2026-W47", 6, NOW, STOCKHOLM))
                    .then(new LeadReadingCorrected(LEAD, TEAM, UNIT, "2026-W47", 6, 4));
        }

        @Test
        void givenCount_whenSameWeekSameCount_thenNothingNew() {
            spec.given(PROPOSED, new LeadReadingRecorded(LEAD, TEAM, UNIT, "2026-W47", 4))
                    .when(new RecordLeadReading(LEAD, "2026-W47", 4, NOW, STOCKHOLM))
                    .then();
        }

        @Test
        void givenRetired_whenCounted_thenRetired() {
            spec.given(PROPOSED, RETIRED).when(new RecordLeadReading(LEAD, "2026-W47", 4, NOW, STOCKHOLM))
                    .thenRejected(Reason.RULE_VIOLATED, "lead-measure-retired");
        }

        @Test
        void givenNothing_whenCounted_thenNotFound() {
            spec.given().when(new RecordLeadReading(LEAD, "2026-W47", 4, NOW, STOCKHOLM))
                    .thenRejected(Reason.NOT_FOUND, "lead-measure-not-found");
        }

        @Test
        void whenNotAnIsoWeek_thenInvalidWeek() {
            for (String week : new String[]{"2026-11", "W48", "2026-W00", "2025-W53", "2026-w48"}) {
                var rejected = spec.given(PROPOSED).when(new RecordLeadReading(LEAD, week, 4, NOW, STOCKHOLM))
                        .thenRejected(Reason.UNPROCESSABLE, "invalid-week");
                assertThat(rejected.fieldErrors()).extracting(e -> e.field()).containsExactly("week");
            }
        }

        @Test
        void whenWeekHasNotBegun_thenWeekInFuture() {
            spec.given(PROPOSED).when(new RecordLeadReading(LEAD, "2026-W49", 4, NOW, STOCKHOLM))
                    .thenRejected(Reason.UNPROCESSABLE, "week-in-future");
        }

        @Test
        void whenWeekHasBegunInTheOrganisationsZoneButNotInUtc_thenItCountsInTheOrganisationsZone() {
            Instant mondayHalfPastMidnightInStockholm = Instant.parse("2026-11-29T23:30:00Z");
            spec.given(PROPOSED).when(new RecordLeadReading(LEAD, "2026-W49", 1, mondayHalfPastMidnightInStockholm, STOCKHOLM))
                    .then(new LeadReadingRecorded(LEAD, TEAM, UNIT, "2026-W49", 1));
            spec.given(PROPOSED).when(new RecordLeadReading(LEAD, "2026-W49", 1, mondayHalfPastMidnightInStockholm, ZoneOffset.UTC))
                    .thenRejected(Reason.UNPROCESSABLE, "week-in-future");
        }
    }
}
