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
