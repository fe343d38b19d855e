package org.learningloop.reporting.history;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.Adaptation;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.MemberErased;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.learning.AgreementKind;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.contracts.learning.AgreementRecorded;
import org.learningloop.contracts.learning.CoachingNoteAdded;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.contracts.learning.LoopIterationClosed;
import org.learningloop.contracts.learning.LoopIterationOpened;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WorkplaceMeetingClosed;
import org.learningloop.contracts.learning.WorkplaceMeetingOpened;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.reporting.ReportingBeans;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line summary of the main event types, over the contract records, and the generic fallback. */
class SummariesTest {

    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID UNIT = UUID.randomUUID();

    @Test
    void wigDefined_namesTitleLineUnitAndDeadline() {
        WigDefined wig = new WigDefined(UUID.randomUUID(), TEAM, UNIT, null, "Grow from 10 to 30",
                new LagMeasure("net-new-members", "members/month", new BigDecimal("10"), new BigDecimal("30.0"),
                        LocalDate.parse("2026-07-01"), LocalDate.parse("2027-06-30"), Cadence.MONTH));
        assertThat(Summaries.summarize("goal.wig-defined.v1", wig))
                .isEqualTo("WIG 'Grow from 10 to 30' set: from 10 to 30 members/month by 2027-06-30");
    }

    @Test
    void activityCarriedOut_namesTypeDesignSegmentIntentionAndOutcomes() {
        ActivityCarriedOut done = new ActivityCarriedOut(UUID.randomUUID(), TEAM, UNIT, "workplace-visit",
                UUID.randomUUID(), UUID.randomUUID(), 2, "call-centre", Instant.parse("2026-11-26T10:00:00Z"), 4, 5,
                IntentionReached.PARTLY, List.of(), Map.of("membersRecruited", 3));
        assertThat(Summaries.summarize("activity.carried-out.v1", done)).isEqualTo(
                "Activity carried out (workplace-visit, design v2, call-centre): intention reached partly, 3 members recruited");
        ActivityCarriedOut adapted = new ActivityCarriedOut(UUID.randomUUID(), TEAM, UNIT, "workplace-visit", null,
                null, null, null, Instant.parse("2026-11-26T10:00:00Z"), null, null, null,
                List.of(new Adaptation("frames", "moved outside", "noise")), null);
        assertThat(Summaries.summarize("activity.carried-out.v1", adapted))
                .isEqualTo("Activity carried out (workplace-visit): 1 adaptation");
    }

    @Test
    void leadMeasures_proposedByNameAndActivatedWithTarget() {
        UUID id = UUID.randomUUID();
        assertThat(Summaries.summarize("goal.lead-measure-proposed.v1", new LeadMeasureProposed(id, UUID.randomUUID(),
                TEAM, UNIT, "Workplace visits", "workplace-visit", 5, "Visits recruit", null)))
                .isEqualTo("Lead measure 'Workplace visits' proposed (5 a week)");
        assertThat(Summaries.summarize("goal.lead-measure-activated.v1", new LeadMeasureActivated(id, UUID.randomUUID(),
                TEAM, UNIT, "workplace-visit", 5, null, null, null, null)))
                .isEqualTo("Lead measure activated (workplace-visit, 5 a week)");
        assertThat(Summaries.activated(new LeadMeasureActivated(id, UUID.randomUUID(), TEAM, UNIT, "workplace-visit", 5,
                null, null, null, null), "Workplace visits"))
                .isEqualTo("Lead measure 'Workplace visits' activated (5 a week)");
    }

    @Test
    void otherMainTypes() {
        assertThat(Summaries.summarize("goal.team-created.v1", new TeamCreated(TEAM, UNIT, "Region X")))
                .isEqualTo("Team 'Region X' formed");
        assertThat(Summaries.summarize("goal.lag-reading-recorded.v1",
                new LagReadingRecorded(UUID.randomUUID(), TEAM, UNIT, "2026-11", new BigDecimal("12.50"))))
                .isEqualTo("Lag measure read for 2026-11: 12.5");
        assertThat(Summaries.summarize("activity.evaluated.v1", new ActivityEvaluated(UUID.randomUUID(), TEAM, UNIT,
                UUID.randomUUID(), 1, "call-centre", null, new QualityScores(4, 2, 4, 5, 4, 3), List.of())))
                .isEqualTo("Activity evaluated: quality intention 4, frames 2, content 4, presence 5, focus 4, "
                        + "flexibility 3; 0 improvement proposals");
        assertThat(Summaries.summarize("learning.learning-recorded.v1", new LearningRecorded(UUID.randomUUID(), TEAM,
                UNIT, "A quiet room helps", "frames", List.of(), List.of(), null)))
                .isEqualTo("Learning recorded: A quiet room helps");
        assertThat(Summaries.summarize("learning.wig-meeting-held.v1", new WigMeetingHeld(UUID.randomUUID(), TEAM,
                UNIT, "2026-W48", List.of(new WigMeetingHeld.Accountability(UUID.randomUUID(), true, null),
                new WigMeetingHeld.Accountability(UUID.randomUUID(), false, null)), List.of(), List.of(UUID.randomUUID()))))
                .isEqualTo("WIG meeting 2026-W48 held: 1 of 2 commitments kept, 0 new, 1 learning reported");
        assertThat(Summaries.summarize("learning.agreement-made.v1", new AgreementMade(UUID.randomUUID(),
                UUID.randomUUID(), UNIT, null, "2026-11", AgreementKind.FORK_DESIGN, UUID.randomUUID(), null, null,
                "call-centre", "Works better there", List.of(), List.of(), null, null, null, null)))
                .isEqualTo("Agreement made at the workplace meeting 2026-11: fork-design for call-centre: Works better there");
        assertThat(Summaries.summarize("goal.wig-achieved.v1", new WigAchieved(UUID.randomUUID(), TEAM, UNIT)))
                .isEqualTo("WIG achieved");
    }

    @Test
    void everyPublishedType_hasASummaryOfItsOwn_butThoseLeftToTheFallback() {
        // the summaries are looked up by the event's record type: a type registered wrongly, or missing, shows here
        List<Class<?>> fallingBack = List.of(MemberErased.class, WorkplaceMeetingOpened.class,
                WorkplaceMeetingClosed.class, CoachingNoteAdded.class, AgreementRecorded.class,
                LoopIterationOpened.class, LoopIterationClosed.class);
        List<Class<?>> published = ReportingBeans.CATALOG.types().stream().<Class<?>>map(EventType::javaType)
                .distinct().filter(type -> !fallingBack.contains(type)).toList();
        assertThat(Summaries.summarised()).containsExactlyInAnyOrderElementsOf(published)
                .doesNotContainAnyElementsOf(fallingBack);
    }

    @Test
    void typesWithoutASummary_getTheGenericFallback() {
        assertThat(Summaries.fallback("goal.wig-achieved.v1")).isEqualTo("Goal event: wig achieved");
        assertThat(Summaries.fallback("learning.something-new.v2")).isEqualTo("Learning event: something new");
        // a summary that cannot be made (a broken record) falls back rather than stop the projection
        assertThat(Summaries.summarize("goal.wig-defined.v1", new WigDefined(UUID.randomUUID(), TEAM, UNIT, null,
                "T", null))).isEqualTo("WIG 'T' set");
    }
}
