package org.learningloop.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCatalogTest {

    /** Version 2 of a test event: version 1 called the field "name". */
    record Renamed(UUID teamId, UUID unitId, String title) implements LoopEvent {
    }

    private static final EventType<Renamed> RENAMED = new EventType<>("test.renamed", 2, Renamed.class);

    @Test
    void givenOldVersion_whenDecoded_thenUpcastToCurrent() {
        EventCatalog catalog = EventCatalog.of(List.of(RENAMED)).withUpcaster("test.renamed", 1, (v1, at) -> {
            v1.set("title", v1.remove("name"));
            return v1;
        });
        UUID team = UUID.randomUUID();

        LoopEvent decoded = catalog.decode("test.renamed.v1", "{\"teamId\": \"" + team + "\", \"name\": \"Old\"}");

        assertThat(decoded).isEqualTo(new Renamed(team, null, "Old"));
        assertThat(catalog.decode("test.renamed.v2", "{\"title\": \"New\", \"futureField\": 1}"))
                .isEqualTo(new Renamed(null, null, "New"));
    }

    /** Version 2 of a test event with a number: version 1 called it "amount". */
    record Measured(UUID teamId, UUID unitId, java.math.BigDecimal value) implements LoopEvent {
    }

    /**
     * A lag value at the edge of its bounds (twelve digits before the point, four after) has more significant digits
     * than a double holds: it is read back exactly, in the current version and through an upcaster alike.
     */
    @Test
    void givenSixteenSignificantDigits_whenDecoded_thenTheNumberIsExact() {
        String edge = "999999999999.9997";
        var recorded = (org.learningloop.contracts.goal.LagReadingRecorded) org.learningloop.contracts.goal.GoalEvents
                .CATALOG.decode("goal.lag-reading-recorded.v1", "{\"wigId\": \"" + UUID.randomUUID()
                        + "\", \"period\": \"2026-11\", \"value\": " + edge + "}");
        EventCatalog catalog = EventCatalog.of(List.of(new EventType<>("test.measured", 2, Measured.class)))
                .withUpcaster("test.measured", 1, (v1, at) -> {
                    v1.set("value", v1.remove("amount"));
                    return v1;
                });
        var upcast = (Measured) catalog.decode("test.measured.v1", "{\"amount\": " + edge + "}");

        assertThat(recorded.value()).isEqualByComparingTo(edge);
        assertThat(upcast.value()).isEqualByComparingTo(edge);
    }

    /** A payload that is not a JSON object is undecodable, whichever version it claims to be. */
    @Test
    void givenNoObject_whenDecoded_thenUndecodable() {
        EventCatalog catalog = EventCatalog.of(List.of(RENAMED)).withUpcaster("test.renamed", 1, (v1, at) -> v1);
        for (String type : List.of("test.renamed.v1", "test.renamed.v2")) {
            for (String payload : List.of("null", "[]", "\"text\"", "1", "", "{\"title\": ")) {
                assertThatThrownBy(() -> catalog.decode(type, payload)).as("%s %s", type, payload)
                        .isInstanceOf(EventCatalog.UndecodableEvent.class);
            }
        }
    }

    /** The real upcaster: goal.lead-measure-activated v1 without activeFrom counted from the event's own time. */
    @Test
    void givenLeadMeasureActivatedV1_whenDecoded_thenActiveFromIsGivenOrTheEventsTime() {
        UUID id = UUID.randomUUID();
        String v1 = "{\"leadMeasureId\": \"" + id + "\", \"wigId\": \"" + UUID.randomUUID() + "\", \"teamId\": \""
                + UUID.randomUUID() + "\", \"unitId\": \"" + UUID.randomUUID()
                + "\", \"activityType\": \"workplace-visit\", \"weeklyTarget\": 5%s}";
        java.time.Instant at = java.time.Instant.parse("2026-10-05T08:30:00Z");
        var catalog = org.learningloop.contracts.goal.GoalEvents.CATALOG;

        var withoutIt = (org.learningloop.contracts.goal.LeadMeasureActivated) catalog.decode(
                "goal.lead-measure-activated.v1", v1.formatted(""), at);
        var withIt = (org.learningloop.contracts.goal.LeadMeasureActivated) catalog.decode(
                "goal.lead-measure-activated.v1", v1.formatted(", \"activeFrom\": \"2026-09-01T00:00:00Z\""), at);

        assertThat(withoutIt.activeFrom()).isEqualTo(at);
        assertThat(withIt.activeFrom()).isEqualTo(java.time.Instant.parse("2026-09-01T00:00:00Z"));
        assertThatThrownBy(() -> catalog.decode("goal.lead-measure-activated.v1", v1.formatted("")))
                .isInstanceOf(EventCatalog.UndecodableEvent.class).hasMessageContaining("event's time");
    }

    /** goal.member-joined v1 (before names' fingerprints) reads as v2 without one. */
    @Test
    void givenMemberJoinedV1_whenDecoded_thenItHasNoNameFingerprint() {
        UUID team = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        var joined = (org.learningloop.contracts.goal.MemberJoined) org.learningloop.contracts.goal.GoalEvents.CATALOG
                .decode("goal.member-joined.v1", "{\"teamId\": \"" + team + "\", \"unitId\": \"" + UUID.randomUUID()
                        + "\", \"memberId\": \"" + member + "\", \"role\": \"team-lead\"}");

        assertThat(joined.memberId()).isEqualTo(member);
        assertThat(joined.role()).isEqualTo(org.learningloop.contracts.goal.TeamRole.TEAM_LEAD);
        assertThat(joined.nameFingerprint()).isNull();
        assertThat(joined.nameWords()).isNull();
    }

    @Test
    void givenNoUpcaster_whenOldVersionDecoded_thenUndecodable() {
        EventCatalog catalog = EventCatalog.of(List.of(RENAMED));
        assertThatThrownBy(() -> catalog.decode("test.renamed.v1", "{}")).isInstanceOf(EventCatalog.UndecodableEvent.class);
    }

    @Test
    void typeNamesAreVersionedLiteralsAndUnique() {
        assertThat(RENAMED.ceType()).isEqualTo("test.renamed.v2");
        assertThatThrownBy(() -> new EventType<>("Test.Renamed", 1, Renamed.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCatalog.of(List.of(RENAMED, new EventType<>("test.renamed", 3, Renamed.class))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subjectIsTeamElseUnitElseOrganisation() {
        UUID team = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        assertThat(new Renamed(team, unit, "x").subject()).isEqualTo(team.toString());
        assertThat(new Renamed(null, unit, "x").subject()).isEqualTo(unit.toString());
        assertThat(new Renamed(null, null, "x").subject()).isEqualTo(LoopEvent.ORGANISATION);
    }
}
