package org.learningloop.reporting.state;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventJson;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business time (issue 16): when what an event records happened, as opposed to when it was recorded; and the team's
 * state folded in either time, for a history recorded months after it happened (as the demo, and any organisation
 * that back-fills, records it).
 */
class BusinessTimeTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Instant RECORDED = Instant.parse("2026-12-02T10:00:00Z");
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID WIG = UUID.randomUUID();

    @Test
    void eachEventTakesTheTimeItsPayloadGives_neverLaterThanItWasRecorded() {
        assertThat(at("activity.carried-out.v1", "{\"carriedOutAt\": \"2026-08-10T09:30:00Z\"}"))
                .isEqualTo("2026-08-10T09:30:00Z");
        assertThat(at("activity.planned.v1", "{\"scheduledAt\": \"2026-08-10T09:00:00Z\"}"))
                .isEqualTo("2026-08-10T09:00:00Z");
        // a month's lag value is known when the month is over (midnight in Stockholm, summer time)
        assertThat(at("goal.lag-reading-recorded.v1", "{\"period\": \"2026-08\"}")).isEqualTo("2026-08-31T22:00:00Z");
        // 2026 has an ISO week 53 (1 January 2026 is a Thursday): it ends on Monday 4 January 2027 (winter time)
        assertThat(BusinessTime.of("goal.lag-reading-corrected.v1", json("{\"period\": \"2026-W53\"}"),
                Instant.parse("2027-02-01T00:00:00Z"), STOCKHOLM)).isEqualTo("2027-01-03T23:00:00Z");
        assertThat(at("learning.wig-meeting-opened.v1", "{\"week\": \"2026-W38\"}")).isEqualTo("2026-09-13T22:00:00Z");
        assertThat(at("learning.wig-meeting-held.v1", "{\"week\": \"2026-W38\"}")).isEqualTo("2026-09-20T22:00:00Z");
        assertThat(at("learning.workplace-meeting-closed.v1", "{\"month\": \"2026-09\"}"))
                .isEqualTo("2026-09-30T22:00:00Z");
        assertThat(at("learning.loop-iteration-opened.v1", "{\"fromMonth\": \"2026-09\"}"))
                .isEqualTo("2026-08-31T22:00:00Z");
        assertThat(at("goal.lead-measure-activated.v2", "{\"activeFrom\": \"2026-08-03T06:00:00Z\"}"))
                .isEqualTo("2026-08-03T06:00:00Z");
        assertThat(at("goal.wig-defined.v1", "{\"lagMeasure\": {\"startDate\": \"2026-08-01\"}}"))
                .isEqualTo("2026-07-31T22:00:00Z");

        // a plan recorded before its date held from its recording; a month not over yet is known when recorded
        assertThat(at("activity.planned.v1", "{\"scheduledAt\": \"2027-03-01T09:00:00Z\"}")).isEqualTo(RECORDED.toString());
        assertThat(at("goal.lag-reading-recorded.v1", "{\"period\": \"2026-12\"}")).isEqualTo(RECORDED.toString());
        // events without a time of their own, or with a time that cannot be read, happened when recorded
        assertThat(at("activity.evaluated.v1", "{}")).isEqualTo(RECORDED.toString());
        assertThat(at("goal.wig-achieved.v1", "{}")).isEqualTo(RECORDED.toString());
        assertThat(at("activity.carried-out.v1", "{\"carriedOutAt\": 7}")).isEqualTo(RECORDED.toString());
        // definitions hold at any business time
        assertThat(BusinessTime.of("goal.team-created.v1", json("{}"), RECORDED, STOCKHOLM)).isNull();
        assertThat(BusinessTime.of("activity.design-created.v1", json("{}"), RECORDED, STOCKHOLM)).isNull();
    }

    @Test
    void givenAHistoryRecordedLate_whenAskedHowTheTeamStoodInSeptember_thenWhatHappenedByThenShows() {
        List<TeamStateFold.Entry> entries = backFilled();
        Instant september15 = Instant.parse("2026-09-15T21:59:59Z");

        TeamState then = TeamStateFold.fold(TEAM, Instant.MAX, september15, entries);
        assertThat(then.name()).isEqualTo("Harbour");
        assertThat(then.validAt()).isEqualTo(september15);
        assertThat(then.activities().carriedOut().count()).isEqualTo(1); // August's; September's came on the 20th
        assertThat(then.activities().planned().count()).isEqualTo(1); // planned on 1 September for the 20th
        assertThat(then.wigs()).singleElement().satisfies(wig -> {
            assertThat(wig.lagValues()).extracting(TeamState.LagValue::period).containsExactly("2026-08");
            assertThat(wig.latestLag()).isEqualByComparingTo("12");
        });
        assertThat(then.leadMeasures()).singleElement().satisfies(lead -> assertThat(lead.status()).isEqualTo("active"));
        assertThat(then.loopIteration()).isEqualTo(new TeamState.LoopIteration(2, "2026-09", "loop-iteration-events"));

        TeamState everything = TeamStateFold.fold(TEAM, Instant.MAX, entries);
        assertThat(everything.activities().carriedOut().count()).isEqualTo(3);
        assertThat(everything.wigs().get(0).latestLag()).isEqualByComparingTo("15");
        assertThat(everything.validAt()).isNull();

        // what the system knew before the back-filling: only the plan made on 1 September; before that, nothing
        TeamState known = TeamStateFold.fold(TEAM, RECORDED.minusSeconds(1), september15, entries);
        assertThat(known.eventsFolded()).isEqualTo(1);
        assertThat(known.activities().planned().count()).isEqualTo(1);
        assertThat(known.activities().carriedOut().count()).isZero();
        assertThat(TeamStateFold.fold(TEAM, Instant.parse("2026-09-01T07:59:59Z"), september15, entries).eventsFolded())
                .isZero();
        // before anything happened: the definitions only
        TeamState july = TeamStateFold.fold(TEAM, Instant.MAX, Instant.parse("2026-07-01T00:00:00Z"), entries);
        assertThat(july.name()).isEqualTo("Harbour");
        assertThat(july.wigs()).isEmpty();
        assertThat(july.activities().planned().count() + july.activities().carriedOut().count()).isZero();
    }

    /** Team Harbour's August to October, all recorded on 2 December except one plan made on 1 September. */
    private static List<TeamStateFold.Entry> backFilled() {
        UUID lead = UUID.randomUUID();
        UUID august = UUID.randomUUID();
        UUID september = UUID.randomUUID();
        UUID october = UUID.randomUUID();
        List<TeamStateFold.Entry> entries = new ArrayList<>();
        String team = "\"teamId\": \"" + TEAM + "\"";
        add(entries, "goal.team-created.v1", "{" + team + ", \"name\": \"Harbour\"}");
        add(entries, "goal.wig-defined.v1", "{\"wigId\": \"" + WIG + "\", " + team + ", \"title\": \"Grow\", "
                + "\"lagMeasure\": {\"metric\": \"members\", \"startDate\": \"2026-08-01\"}}");
        add(entries, "goal.lead-measure-proposed.v1", "{\"leadMeasureId\": \"" + lead + "\", \"wigId\": \"" + WIG
                + "\", " + team + ", \"name\": \"Visits\", \"activityType\": \"workplace-visit\", \"weeklyTarget\": 2}");
        add(entries, "goal.lead-measure-activated.v2", "{\"leadMeasureId\": \"" + lead + "\", \"wigId\": \"" + WIG
                + "\", " + team + ", \"activityType\": \"workplace-visit\", \"weeklyTarget\": 2, "
                + "\"activeFrom\": \"2026-08-03T06:00:00Z\"}");
        activity(entries, august, "2026-08-10T09:00:00Z");
        activity(entries, september, "2026-09-20T09:00:00Z");
        activity(entries, october, "2026-10-05T09:00:00Z");
        add(entries, "goal.lag-reading-recorded.v1", "{\"wigId\": \"" + WIG + "\", " + team
                + ", \"period\": \"2026-08\", \"value\": 12}");
        add(entries, "goal.lag-reading-recorded.v1", "{\"wigId\": \"" + WIG + "\", " + team
                + ", \"period\": \"2026-09\", \"value\": 15}");
        add(entries, "learning.loop-iteration-opened.v1", "{" + team + ", \"iteration\": 1, \"fromMonth\": \"2026-08\"}");
        add(entries, "learning.loop-iteration-closed.v1", "{" + team + ", \"iteration\": 1, \"toMonth\": \"2026-08\"}");
        add(entries, "learning.loop-iteration-opened.v1", "{" + team + ", \"iteration\": 2, \"fromMonth\": \"2026-09\"}");
        add(entries, "learning.loop-iteration-closed.v1", "{" + team + ", \"iteration\": 2, \"toMonth\": \"2026-09\"}");
        add(entries, "learning.loop-iteration-opened.v1", "{" + team + ", \"iteration\": 3, \"fromMonth\": \"2026-10\"}");
        // September's visit was planned on 1 September (recorded then), before the rest was back-filled
        TeamStateFold.Entry plan = entries.stream().filter(e -> e.type().equals("activity.planned.v1")
                && e.payload().path("activityId").asText().equals(september.toString())).findFirst().orElseThrow();
        Instant firstOfSeptember = Instant.parse("2026-09-01T08:00:00Z");
        entries.remove(plan);
        entries.add(0, new TeamStateFold.Entry(plan.type(), firstOfSeptember,
                BusinessTime.of(plan.type(), plan.payload(), firstOfSeptember, STOCKHOLM), plan.payload()));
        return entries;
    }

    private static void activity(List<TeamStateFold.Entry> entries, UUID id, String at) {
        String ids = "\"activityId\": \"" + id + "\", \"teamId\": \"" + TEAM + "\"";
        add(entries, "activity.planned.v1", "{" + ids + ", \"scheduledAt\": \"" + at + "\"}");
        add(entries, "activity.carried-out.v1", "{" + ids + ", \"carriedOutAt\": \"" + at + "\"}");
    }

    private static void add(List<TeamStateFold.Entry> entries, String type, String payload) {
        Instant recorded = RECORDED.plusSeconds(entries.size());
        JsonNode json = json(payload);
        entries.add(new TeamStateFold.Entry(type, recorded, BusinessTime.of(type, json, recorded, STOCKHOLM), json));
    }

    private static String at(String type, String payload) {
        return BusinessTime.of(type, json(payload), RECORDED, STOCKHOLM).toString();
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
