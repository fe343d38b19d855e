package org.learningloop.rules;

import org.junit.jupiter.api.Test;
import org.learningloop.rules.LeadMeasureCounting.Activity;
import org.learningloop.rules.LeadMeasureCounting.LeadMeasure;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.rules.LeadMeasureCounting.countsToward;

/** The one counting rule, case by case: the same cases the cross-service test plays through the four services. */
class LeadMeasureCountingTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final UUID TEAM = UUID.randomUUID();
    private static final String VISIT = "workplace-visit";
    private static final Instant MONDAY_W2 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant MONDAY_W4 = Instant.parse("2026-01-19T09:00:00Z");
    private static final Instant MONDAY_W6 = Instant.parse("2026-02-02T09:00:00Z");

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID replacement = UUID.randomUUID();
    /** Active in weeks 2 to 5, then replaced. */
    private final LeadMeasure visits = new LeadMeasure(first, TEAM, VISIT, MONDAY_W2, MONDAY_W6);
    /** On the same activity type, from week 4. */
    private final LeadMeasure followUps = new LeadMeasure(second, TEAM, VISIT, MONDAY_W4, null);
    private final LeadMeasure replacing = new LeadMeasure(replacement, TEAM, VISIT, MONDAY_W6, null);
    private final List<LeadMeasure> measures = List.of(visits, followUps, replacing);

    private static Activity visit(UUID named, String carriedOutAt) {
        return new Activity(UUID.randomUUID(), TEAM, VISIT, named, carriedOutAt == null ? null : Instant.parse(carriedOutAt));
    }

    @Test
    void beforeAnyActivation_countsNowhere() {
        assertThat(countsToward(visit(null, "2026-01-04T12:00:00Z"), measures)).isEmpty();
    }

    @Test
    void fromTheInstantOfActivation_untilTheInstantOfRetirement() {
        assertThat(countsToward(visit(null, "2026-01-05T09:00:00Z"), measures)).containsExactly(first);
        assertThat(countsToward(visit(null, "2026-01-05T08:59:59Z"), measures)).isEmpty();
        assertThat(countsToward(visit(first, "2026-02-02T08:59:59Z"), measures)).containsExactly(first);
        assertThat(countsToward(visit(first, "2026-02-02T09:00:00Z"), measures)).doesNotContain(first);
    }

    @Test
    void namingNone_countsTowardEveryActiveLeadMeasureOfItsTeamAndType() {
        assertThat(countsToward(visit(null, "2026-01-20T12:00:00Z"), measures)).containsExactly(first, second);
    }

    @Test
    void namingAnActiveOne_countsTowardThatOneOnly() {
        assertThat(countsToward(visit(second, "2026-01-20T12:00:00Z"), measures)).containsExactly(second);
        assertThat(countsToward(visit(first, "2026-01-20T12:00:00Z"), measures)).containsExactly(first);
    }

    @Test
    void namingOneNotYetActive_countsTowardWhatWasActive() {
        assertThat(countsToward(visit(second, "2026-01-07T12:00:00Z"), measures)).containsExactly(first);
    }

    @Test
    void namingOneReplacedMeanwhile_countsTowardWhatIsActiveWhenCarriedOut() {
        assertThat(countsToward(visit(first, "2026-02-03T12:00:00Z"), measures)).containsExactly(second, replacement);
    }

    @Test
    void anotherTeamsOrTypesLeadMeasure_neverCounts_evenWhenNamed() {
        UUID elsewhere = UUID.randomUUID();
        List<LeadMeasure> others = List.of(new LeadMeasure(elsewhere, UUID.randomUUID(), VISIT, MONDAY_W2, null),
                new LeadMeasure(UUID.randomUUID(), TEAM, "phone-call", MONDAY_W2, null));
        assertThat(countsToward(visit(elsewhere, "2026-01-07T12:00:00Z"), others)).isEmpty();
    }

    @Test
    void aProposedLeadMeasure_orAnActivityNotCarriedOut_countsNothing() {
        List<LeadMeasure> proposed = List.of(new LeadMeasure(first, TEAM, VISIT, null, null));
        assertThat(countsToward(visit(first, "2026-01-07T12:00:00Z"), proposed)).isEmpty();
        assertThat(countsToward(visit(null, null), measures)).isEmpty();
    }

    @Test
    void aLeadMeasureListedTwice_countsOnce() {
        assertThat(countsToward(visit(null, "2026-01-07T12:00:00Z"), List.of(visits, visits))).containsExactly(first);
    }

    @Test
    void weekly_countsPerLeadMeasureInTheIsoWeekOfTheOrganisationsZone() {
        // 31 December 2026 23:30 UTC is 1 January 2027 in Stockholm: still ISO week 2026-W53
        LeadMeasure yearEnd = new LeadMeasure(first, TEAM, VISIT, Instant.parse("2026-12-01T00:00:00Z"), null);
        var weekly = LeadMeasureCounting.weekly(List.of(visit(null, "2026-12-31T23:30:00Z"),
                visit(null, "2027-01-03T22:59:00Z"), visit(null, "2027-01-03T23:00:00Z")), List.of(yearEnd), STOCKHOLM);
        assertThat(weekly).isEqualTo(Map.of(first, new java.util.TreeMap<>(Map.of("2026-W53", 2, "2027-W01", 1))));
    }

    @Test
    void byLeadMeasure_keepsTheCallersActivitiesUnderEachLeadMeasureTheyCountToward() {
        Activity both = visit(null, "2026-01-20T12:00:00Z");
        Activity onlySecond = visit(second, "2026-01-21T12:00:00Z");
        var grouped = LeadMeasureCounting.byLeadMeasure(List.of(both, onlySecond), a -> a, measures);
        assertThat(grouped.get(first)).containsExactly(both);
        assertThat(grouped.get(second)).containsExactly(both, onlySecond);
        assertThat(grouped).doesNotContainKey(replacement);
    }
}
