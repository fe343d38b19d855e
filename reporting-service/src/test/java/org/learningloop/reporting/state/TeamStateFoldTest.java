package org.learningloop.reporting.state;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.learning.LoopIterationClosed;
import org.learningloop.contracts.learning.LoopIterationOpened;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.reporting.ReportingBeans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The fold of a team's history into its state as of an instant. */
class TeamStateFoldTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void givenAWeeksOfTheLoop_whenFolded_thenWigsLeadMeasuresDesignsActivitiesAndCommitmentsShowIt() {
        LoopScenario scenario = new LoopScenario(START);
        UUID team = scenario.team("North", 3);
        TeamState state = TeamStateFold.fold(team, Instant.parse("2030-01-01T00:00:00Z"), entries(scenario, team));

        assertThat(state.name()).isEqualTo("North");
        assertThat(state.unitId()).isEqualTo(scenario.unit);
        assertThat(state.wigs()).extracting(TeamState.Wig::title).containsExactly("Unit grows", "Grow North");
        assertThat(state.wigs().get(1).lagValues()).hasSize(3);
        assertThat(state.wigs().get(1).latestLag()).isEqualByComparingTo("13");
        assertThat(state.leadMeasures()).singleElement().satisfies(lead -> {
            assertThat(lead.status()).isEqualTo("active");
            assertThat(lead.weeklyTarget()).isEqualTo(5);
            assertThat(lead.name()).isEqualTo("Workplace visits");
        });
        assertThat(state.designs()).singleElement().satisfies(design -> {
            assertThat(design.designId()).isEqualTo(scenario.design);
            assertThat(design.versionsInUse()).containsExactly(1);
            assertThat(design.currentVersion()).isEqualTo(2);
        });
        // weeks 1-2: two evaluated each; week 3: one carried out (last week not evaluated), one cancelled
        assertThat(state.activities().evaluated().count()).isEqualTo(4);
        assertThat(state.activities().carriedOut().count()).isEqualTo(1);
        assertThat(state.activities().cancelled().count()).isEqualTo(1);
        assertThat(state.activities().planned().count()).isZero();
        // each meeting accounts for the previous commitment: only the last one is open
        assertThat(state.openCommitments()).singleElement()
                .satisfies(c -> assertThat(c.what()).isEqualTo("Visit site 3"));
        assertThat(state.loopIteration()).isEqualTo(new TeamState.LoopIteration(1, null, "workplace-meetings-closed"));
    }

    @Test
    void givenAnInstantInTheMiddle_whenFolded_thenLaterEventsAreLeftOut() {
        LoopScenario scenario = new LoopScenario(START);
        UUID team = scenario.team("North", 3);
        List<TeamStateFold.Entry> entries = entries(scenario, team);
        Instant middle = entries.get(9).time(); // the second activity's plan
        TeamState state = TeamStateFold.fold(team, middle, entries);
        assertThat(state.eventsFolded()).isEqualTo(10);
        assertThat(state.lastEventAt()).isEqualTo(middle);
        assertThat(state.activities().planned().count() + state.activities().carriedOut().count()
                + state.activities().evaluated().count()).isEqualTo(2);
        assertThat(TeamStateFold.fold(team, START, entries).wigs()).isEmpty();
    }

    @Test
    void givenLoopIterationEvents_whenFolded_thenTheyCount_andUnknownTypesAreIgnored() {
        UUID team = UUID.randomUUID();
        List<TeamStateFold.Entry> entries = List.of(
                entry("learning.loop-iteration-closed.v1", "2026-04-01T10:00:00Z",
                        "{\"teamId\":\"" + team + "\",\"iteration\":1,\"toMonth\":\"2026-03\"}"),
                entry("learning.loop-iteration-opened.v1", "2026-04-01T10:00:01Z",
                        "{\"teamId\":\"" + team + "\",\"iteration\":2,\"fromMonth\":\"2026-04\"}"),
                entry("learning.something-new.v7", "2026-04-02T10:00:00Z", "{\"x\":1}"));
        assertThat(TeamStateFold.fold(team, Instant.parse("2026-05-01T00:00:00Z"), entries).loopIteration())
                .isEqualTo(new TeamState.LoopIteration(2, "2026-04", "loop-iteration-events"));
        List<TeamStateFold.Entry> meetings = List.of(
                entry("learning.workplace-meeting-closed.v1", "2026-04-01T10:00:00Z",
                        "{\"unitId\":\"" + UUID.randomUUID() + "\",\"teamIds\":[\"" + team + "\"]}"),
                entry("learning.workplace-meeting-closed.v1", "2026-05-01T10:00:00Z",
                        "{\"unitId\":\"" + UUID.randomUUID() + "\",\"teamIds\":[\"" + UUID.randomUUID() + "\"]}"));
        assertThat(TeamStateFold.fold(team, Instant.parse("2026-06-01T00:00:00Z"), meetings).loopIteration().number())
                .isEqualTo(2);
    }

    @Test
    void givenTheLearningServicesLoopIterationEvents_whenFolded_thenTheTeamIsInItsNextIteration() {
        UUID team = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID meeting = UUID.randomUUID();
        List<TeamStateFold.Entry> entries = List.of(
                contract("learning.loop-iteration-closed.v1", "2026-04-01T10:00:00Z",
                        new LoopIterationClosed(team, unit, 1, null, "2026-03", meeting, List.of())),
                contract("learning.loop-iteration-opened.v1", "2026-04-01T10:00:00Z",
                        new LoopIterationOpened(team, unit, 2, "2026-04", meeting)));
        assertThat(TeamStateFold.fold(team, Instant.parse("2026-04-02T00:00:00Z"), entries).loopIteration())
                .isEqualTo(new TeamState.LoopIteration(2, "2026-04", "loop-iteration-events"));
        assertThat(TeamStateFold.fold(team, Instant.parse("2026-03-31T00:00:00Z"), entries).loopIteration())
                .isEqualTo(new TeamState.LoopIteration(1, null, "workplace-meetings-closed"));
    }

    private static TeamStateFold.Entry contract(String type, String time, org.learningloop.contracts.LoopEvent event) {
        assertThat(ReportingBeans.CATALOG.typeOf(event).ceType()).isEqualTo(type);
        return new TeamStateFold.Entry(type, Instant.parse(time), json(ReportingBeans.CATALOG.encode(event)));
    }

    /** Years of history fold fast: the figure goes to the README. */
    @Test
    void yearsOfHistory_foldInMilliseconds() {
        LoopScenario scenario = new LoopScenario(START);
        UUID team = scenario.team("North", 260); // five years of weekly loops
        List<TeamStateFold.Entry> entries = entries(scenario, team);
        TeamStateFold.fold(team, Instant.MAX, entries); // warm up
        long started = System.nanoTime();
        TeamState state = TeamStateFold.fold(team, Instant.MAX, entries);
        long micros = (System.nanoTime() - started) / 1000;
        System.out.printf("Folded %d history entries (5 years) in %d µs%n", entries.size(), micros);
        assertThat(state.eventsFolded()).isEqualTo(entries.size());
    }

    private static List<TeamStateFold.Entry> entries(LoopScenario scenario, UUID team) {
        List<TeamStateFold.Entry> entries = new ArrayList<>();
        for (LoopScenario.Published published : scenario.events()) {
            if (published.key().equals(team) || published.key().equals(scenario.unit)) {
                entries.add(new TeamStateFold.Entry(published.type(), published.time(),
                        json(ReportingBeans.CATALOG.encode(published.event()))));
            }
        }
        return entries;
    }

    private static TeamStateFold.Entry entry(String type, String time, String json) {
        return new TeamStateFold.Entry(type, Instant.parse(time), json(json));
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
