package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.simulator.Scenario;
import org.learningloop.simulator.Scenarios;
import org.learningloop.simulator.Simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's scenario played against the services as if it were 00:30 in Stockholm on the first of this month (a
 * month just begun, nothing done in it yet, the month before to be closed): nothing is scheduled after that
 * instant, the four complete months are closed by their APTs, and the reports find the same truth as on any other
 * day. The simulator's own clock matrix (SimulationClockTest) covers every hour of many days without the services.
 */
class DemoAtMonthStartTest {

    private static final Duration REPORTS_CATCH_UP = Duration.ofSeconds(120);

    @Test
    void givenNowJustAfterMidnightOnTheFirst_whenTheScenarioIsPlayed_thenNothingLiesAfterIt_andTheTruthIsFound() {
        LoopSteps steps = RunningSystem.get().steps();
        LoopClient client = steps.client();
        ZonedDateTime first = LocalDate.now(Scenarios.STOCKHOLM).withDayOfMonth(1).atTime(0, 30)
                .atZone(Scenarios.STOCKHOLM);
        Instant now = (first.toInstant().isAfter(Instant.now()) ? first.minusMonths(1) : first).toInstant();
        Scenario scenario = Scenarios.demo("month-start", now);

        Simulation.Result played = new Simulation(steps, scenario, line -> { }).run();

        assertThat(played.activities()).isNotEmpty().allSatisfy(activity ->
                assertThat(activity.day()).isBefore(LocalDate.ofInstant(now, Scenarios.STOCKHOLM)));
        for (Simulation.TeamIds team : played.teams()) {
            JsonNode later = client.get(client.endpoints().activity(), "/teams/" + team.teamId()
                    + "/activities?limit=200&from=" + now);
            assertThat(later.path("items")).as("%s's activities scheduled after %s", team.name(), now).isEmpty();
        }
        JsonNode meetings = client.get(client.endpoints().learning(), "/units/" + played.unitId()
                + "/workplace-meetings?limit=200");
        assertThat(meetings.path("items").findValuesAsText("status")).containsExactly("closed", "closed", "closed",
                "closed");

        ReportAssertions.assertDemoBestDesigns(client, "/reports/best-designs?activityType=workplace-visit&unitId="
                + played.unitId(), played.designs(), REPORTS_CATCH_UP);
        JsonNode verdict = client.await(client.endpoints().reporting(), "/reports/lead-measures/"
                        + played.team("Team Phone").leadMeasureId() + "/verdict",
                answer -> "replace".equals(answer.path("verdict").asText()), REPORTS_CATCH_UP,
                "the verdict on Team Phone's lead measure");
        assertThat(verdict.path("verdict").asText()).isEqualTo("replace");
        ReportAssertions.assertKept(client, played, REPORTS_CATCH_UP);
    }
}
