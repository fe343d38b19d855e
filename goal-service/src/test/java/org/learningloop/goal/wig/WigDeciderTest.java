package org.learningloop.goal.wig;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.goal.wig.WigCommand.DefineWig;
import org.learningloop.goal.wig.WigCommand.ParentWig;
import org.learningloop.goal.wig.WigCommand.RecordLagReading;
import org.learningloop.testing.DeciderSpecification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WigDeciderTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final UUID WIG = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID UNIT = UUID.randomUUID();
    private static final LagMeasure MONTHLY = new LagMeasure("net-new-members", "members/month", BigDecimal.TEN,
            BigDecimal.valueOf(30), LocalDate.parse("2026-09-01"), LocalDate.parse("2027-06-30"), Cadence.MONTH);
    private static final WigDefined DEFINED = new WigDefined(WIG, TEAM, UNIT, null, "Grow", MONTHLY);
    private static final WigCommand.Owner IN_UNIT = new WigCommand.Owner(true, UNIT);

    private final DeciderSpecification<WigCommand, org.learningloop.contracts.goal.WigEvent, WigState> spec =
            DeciderSpecification.of(new WigDecider());

    @Test
    void givenNothing_whenDefined_thenWigDefined() {
        spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", MONTHLY, IN_UNIT, null)).then(DEFINED);
    }

    @Test
    void givenUnitWig_whenTeamWigAimsAtIt_thenDefinedWithParent() {
        UUID parent = UUID.randomUUID();
        spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", MONTHLY, IN_UNIT, new ParentWig(parent, true, null, UNIT)))
                .then(new WigDefined(WIG, TEAM, UNIT, parent, "Grow", MONTHLY));
    }

    @Test
    void givenTeamInUnit_whenTeamWigDefinedWithoutNamingTheUnit_thenItTakesTheTeamsUnit() {
        spec.given().when(new DefineWig(WIG, TEAM, null, "Grow", MONTHLY, IN_UNIT, null)).then(DEFINED);
    }

    @Test
    void whenTeamUnknown_thenRejected() {
        spec.given().when(new DefineWig(WIG, TEAM, null, "Grow", MONTHLY, new WigCommand.Owner(false, null), null))
                .thenRejected(Reason.UNPROCESSABLE, "team-not-found");
    }

    @Test
    void whenNamedUnitIsNotTheTeamsUnit_thenRejected() {
        spec.given().when(new DefineWig(WIG, TEAM, UUID.randomUUID(), "Grow", MONTHLY, IN_UNIT, null))
                .thenRejected(Reason.UNPROCESSABLE, "team-in-other-unit");
    }

    @Test
    void whenUnitWigOfUnknownUnit_thenRejected() {
        spec.given().when(new DefineWig(WIG, null, UNIT, "Grow", MONTHLY, new WigCommand.Owner(false, UNIT), null))
                .thenRejected(Reason.UNPROCESSABLE, "unit-not-found");
    }

    @Test
    void givenOrganisationWig_whenUnitWigAimsAtIt_thenDefined_butNotAtAnotherUnitWig() {
        UUID organisationWig = UUID.randomUUID();
        spec.given().when(new DefineWig(WIG, null, UNIT, "Region grows", MONTHLY, IN_UNIT,
                        new ParentWig(organisationWig, true, null, null)))
                .then(new WigDefined(WIG, null, UNIT, organisationWig, "Region grows", MONTHLY));
        spec.given().when(new DefineWig(WIG, null, UNIT, "Region grows", MONTHLY, IN_UNIT,
                        new ParentWig(UUID.randomUUID(), true, null, UNIT)))
                .thenRejected(Reason.UNPROCESSABLE, "parent-must-be-organisation-wig");
    }

    @Test
    void givenTeamWig_whenItAimsAtTheOrganisationWig_thenDefined() {
        UUID organisationWig = UUID.randomUUID();
        spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", MONTHLY, IN_UNIT, new ParentWig(organisationWig, true, null, null)))
                .then(new WigDefined(WIG, TEAM, UNIT, organisationWig, "Grow", MONTHLY));
    }

    @Test
    void whenOrganisationWigHasAParent_thenRejected() {
        spec.given().when(new DefineWig(WIG, null, null, "Org", MONTHLY, null, new ParentWig(UUID.randomUUID(), true, null, null)))
                .thenRejected(Reason.UNPROCESSABLE, "organisation-wig-has-no-parent");
    }

    @Test
    void givenDefined_whenDefinedAgain_thenRejected() {
        spec.given(DEFINED).when(new DefineWig(WIG, TEAM, UNIT, "Grow", MONTHLY, IN_UNIT, null))
                .thenRejected(Reason.RULE_VIOLATED, "wig-exists");
    }

    @Test
    void whenDeadlineNotAfterStart_thenRejected() {
        LagMeasure backwards = new LagMeasure("m", "u", BigDecimal.ONE, BigDecimal.TEN, LocalDate.parse("2027-01-01"),
                LocalDate.parse("2026-12-31"), Cadence.MONTH);
        var rejected = spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", backwards, IN_UNIT, null))
                .thenRejected(Reason.UNPROCESSABLE, "deadline-not-after-start");
        assertThat(rejected.fieldErrors()).extracting(e -> e.field()).containsExactly("lagMeasure.deadline");
    }

    @Test
    void whenFromEqualsTo_thenRejected() {
        LagMeasure flat = new LagMeasure("m", "u", BigDecimal.TEN, new BigDecimal("10.0"), LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), Cadence.MONTH);
        spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", flat, IN_UNIT, null))
                .thenRejected(Reason.UNPROCESSABLE, "target-equals-start");
    }

    @Test
    void whenParentMissing_thenRejected() {
        spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", MONTHLY, IN_UNIT, new ParentWig(UUID.randomUUID(), false, null, null)))
                .thenRejected(Reason.UNPROCESSABLE, "parent-wig-not-found");
    }

    @Test
    void whenParentIsTeamWig_thenRejected() {
        spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", MONTHLY, IN_UNIT,
                        new ParentWig(UUID.randomUUID(), true, UUID.randomUUID(), UNIT)))
                .thenRejected(Reason.UNPROCESSABLE, "parent-is-team-wig");
    }

    @Test
    void whenParentInOtherUnit_thenRejected() {
        spec.given().when(new DefineWig(WIG, TEAM, UNIT, "Grow", MONTHLY, IN_UNIT,
                        new ParentWig(UUID.randomUUID(), true, null, UUID.randomUUID())))
                .thenRejected(Reason.UNPROCESSABLE, "parent-in-other-unit");
    }

    @Test
    void givenDefined_whenReadingRecorded_thenRecordedAndCurrentValueIsLatestPeriod() {
        WigState state = spec.given(DEFINED, new LagReadingRecorded(WIG, TEAM, UNIT, "2026-11", BigDecimal.TEN))
                .when(new RecordLagReading(WIG, "2026-10", BigDecimal.ONE, NOW, STOCKHOLM))
                .then(new LagReadingRecorded(WIG, TEAM, UNIT, "2026-10", BigDecimal.ONE));
        assertThat(((WigState.DefinedWig) state).currentValue()).isEqualTo(BigDecimal.TEN);
        assertThat(((WigState.DefinedWig) state).currentPeriod()).isEqualTo("2026-11");
    }

    @Test
    void givenReading_whenSamePeriodOtherValue_thenCorrectedWithPreviousValue() {
        spec.given(DEFINED, new LagReadingRecorded(WIG, TEAM, UNIT, "2026-11", BigDecimal.TEN))
                .when(new RecordLagReading(WIG, "2026-11", BigDecimal.valueOf(12), NOW, STOCKHOLM))
                .then(new LagReadingCorrected(WIG, TEAM, UNIT, "2026-11", BigDecimal.valueOf(12), BigDecimal.TEN));
    }

    @Test
    void givenReading_whenSamePeriodSameValue_thenNothingNew() {
        spec.given(DEFINED, new LagReadingRecorded(WIG, TEAM, UNIT, "2026-11", BigDecimal.TEN))
                .when(new RecordLagReading(WIG, "2026-11", new BigDecimal("10.00"), NOW, STOCKHOLM))
                .then();
    }

    @Test
    void givenNothing_whenReadingRecorded_thenNotFound() {
        spec.given().when(new RecordLagReading(WIG, "2026-11", BigDecimal.ONE, NOW, STOCKHOLM))
                .thenRejected(Reason.NOT_FOUND, "wig-not-found");
    }

    @Test
    void givenMonthlyWig_whenWeekPeriod_thenInvalidPeriod() {
        spec.given(DEFINED).when(new RecordLagReading(WIG, "2026-W48", BigDecimal.ONE, NOW, STOCKHOLM))
                .thenRejected(Reason.UNPROCESSABLE, "invalid-period");
    }

    @Test
    void givenWeeklyWig_whenWeek53OfAYearWithout_thenInvalidPeriod() {
        LagMeasure weekly = new LagMeasure("m", "u", BigDecimal.ONE, BigDecimal.TEN, LocalDate.parse("2026-01-01"),
                LocalDate.parse("2027-12-31"), Cadence.WEEK);
        spec.given(new WigDefined(WIG, TEAM, UNIT, null, "Grow", weekly))
                .when(new RecordLagReading(WIG, "2025-W53", BigDecimal.ONE, NOW, STOCKHOLM))
                .thenRejected(Reason.UNPROCESSABLE, "invalid-period");
        spec.given(new WigDefined(WIG, TEAM, UNIT, null, "Grow", weekly))
                .when(new RecordLagReading(WIG, "2026-W48", BigDecimal.ONE, NOW, STOCKHOLM))
                .then(new LagReadingRecorded(WIG, TEAM, UNIT, "2026-W48", BigDecimal.ONE));
    }

    @Test
    void givenDefined_whenFuturePeriod_thenRejected() {
        spec.given(DEFINED).when(new RecordLagReading(WIG, "2026-12", BigDecimal.ONE, NOW, STOCKHOLM))
                .thenRejected(Reason.UNPROCESSABLE, "period-in-future");
    }

    @Test
    void givenActiveWig_whenRevised_thenRevisedKeepingWhatIsNotGiven() {
        WigState state = spec.given(DEFINED)
                .when(new WigCommand.ReviseWig(WIG, null, BigDecimal.valueOf(35), null, "Ahead of plan"))
                .then(new WigRevised(WIG, TEAM, UNIT, "Grow", BigDecimal.valueOf(35), MONTHLY.deadline(), "Ahead of plan"));
        assertThat(((WigState.DefinedWig) state).lagMeasure().to()).isEqualTo(BigDecimal.valueOf(35));
        assertThat(((WigState.DefinedWig) state).lagMeasure().from()).isEqualTo(BigDecimal.TEN);
    }

    @Test
    void givenActiveWig_whenRevisedToSameValues_thenNothingNew() {
        spec.given(DEFINED).when(new WigCommand.ReviseWig(WIG, "Grow", BigDecimal.valueOf(30), null, null)).then();
    }

    @Test
    void givenActiveWig_whenRevisedToDeadlineBeforeStart_thenRejected() {
        spec.given(DEFINED).when(new WigCommand.ReviseWig(WIG, null, null, LocalDate.parse("2026-08-01"), null))
                .thenRejected(Reason.UNPROCESSABLE, "deadline-not-after-start");
    }

    @Test
    void givenActiveWig_whenRevisedToTargetEqualToStart_thenRejected() {
        spec.given(DEFINED).when(new WigCommand.ReviseWig(WIG, null, BigDecimal.TEN, null, null))
                .thenRejected(Reason.UNPROCESSABLE, "target-equals-start");
    }

    @Test
    void givenNothing_whenRevised_thenNotFound() {
        spec.given().when(new WigCommand.ReviseWig(WIG, "x", null, null, null)).thenRejected(Reason.NOT_FOUND, "wig-not-found");
    }

    @Test
    void givenActiveWig_whenAchieved_thenAchieved_andItTakesNoMoreReadingsOrRevisions() {
        spec.given(DEFINED).when(new WigCommand.AchieveWig(WIG)).then(new WigAchieved(WIG, TEAM, UNIT));
        spec.given(DEFINED, new WigAchieved(WIG, TEAM, UNIT))
                .when(new RecordLagReading(WIG, "2026-11", BigDecimal.ONE, NOW, STOCKHOLM))
                .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
        spec.given(DEFINED, new WigAchieved(WIG, TEAM, UNIT))
                .when(new WigCommand.ReviseWig(WIG, "x", null, null, null))
                .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
        spec.given(DEFINED, new WigAchieved(WIG, TEAM, UNIT)).when(new WigCommand.AchieveWig(WIG))
                .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
    }

    @Test
    void givenActiveWig_whenAbandoned_thenAbandonedWithReason_andClosed() {
        spec.given(DEFINED).when(new WigCommand.AbandonWig(WIG, "Unit merged"))
                .then(new WigAbandoned(WIG, TEAM, UNIT, "Unit merged"));
        spec.given(DEFINED, new WigAbandoned(WIG, TEAM, UNIT, "Unit merged")).when(new WigCommand.AbandonWig(WIG, "again"))
                .thenRejected(Reason.RULE_VIOLATED, "wig-closed");
    }

    @Test
    void givenNothing_whenAchievedOrAbandoned_thenNotFound() {
        spec.given().when(new WigCommand.AchieveWig(WIG)).thenRejected(Reason.NOT_FOUND, "wig-not-found");
        spec.given().when(new WigCommand.AbandonWig(WIG, "x")).thenRejected(Reason.NOT_FOUND, "wig-not-found");
    }
}
