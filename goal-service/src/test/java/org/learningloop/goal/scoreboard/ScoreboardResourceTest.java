package org.learningloop.goal.scoreboard;

import org.learningloop.contracts.Periods;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.Cadence;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.learningloop.goal.scoreboard.LeadMeasureActualsTest.scoreboard;
import static org.learningloop.goal.scoreboard.Published.WORKPLACE_VISIT;

/** The team and unit scoreboards over HTTP: WIG status from lag readings, the unit's teams, and bad input. */
@QuarkusTest
class ScoreboardResourceTest {

    private static final String PROBLEM = "application/problem+json";
    // a line from 10 to 30 over 96 days; the Sunday of 2025-W08 is day 48: 20 is expected by then
    private static final LocalDate START = LocalDate.of(2025, 1, 6);
    private static final LocalDate DEADLINE = START.plusDays(96);
    private static final String HALFWAY_WEEK = "2025-W08";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    Published published;
    UUID unit;
    UUID team;

    @BeforeEach
    void setUp() {
        published = new Published(kafka, pool);
        unit = UUID.randomUUID();
        team = UUID.randomUUID();
    }

    @Test
    void givenLagReadings_thenEachActiveWigIsWinningAtRiskLosingOrWithoutData_againstTheLineExpectedByThatWeek() {
        published.teamCreated(team, unit, "Region office X");
        UUID ahead = wig("Ahead", 10, 30);
        published.lagReadingRecorded(ahead, team, unit, "2025-01", "12");
        published.lagReadingRecorded(ahead, team, unit, "2025-02", "14");
        published.lagReadingCorrected(ahead, team, unit, "2025-02", "21", "14");
        published.lagReadingCorrected(ahead, team, unit, "2025-01", "13", "12");
        UUID slightlyBehind = wig("Slightly behind", 10, 30);
        published.lagReadingRecorded(slightlyBehind, team, unit, "2025-02", "19");
        UUID farBehind = wig("Far behind", 10, 30);
        published.lagReadingRecorded(farBehind, team, unit, "2025-02", "15");
        UUID shrinking = wig("Fewer leavers", 30, 10);
        published.lagReadingRecorded(shrinking, team, unit, "2025-02", "19");
        UUID abandoned = wig("Abandoned", 10, 30);
        published.lagReadingRecorded(abandoned, team, unit, "2025-02", "25");
        published.wigAbandoned(abandoned, team, unit);
        UUID unread = wig("Not read yet", 10, 30);
        published.awaitApplied(published.wigRevised(unread, team, unit, "Not read yet, renamed", 30, DEADLINE));

        JsonPath board = JsonPath.from(scoreboard(team, HALFWAY_WEEK));

        assertThat(board.getString("teamId")).isEqualTo(team.toString());
        assertThat(board.getString("unitId")).isEqualTo(unit.toString());
        assertThat(board.getString("name")).isEqualTo("Region office X");
        assertThat(board.getString("week")).isEqualTo(HALFWAY_WEEK);
        assertThat(board.getList("wigs.wigId")).as("active WIGs in the order they were set")
                .containsExactly(ahead.toString(), slightlyBehind.toString(), farBehind.toString(), shrinking.toString(),
                        unread.toString());
        Map<String, Object> aheadWig = wigOn(board, ahead);
        assertThat(aheadWig).containsEntry("status", "winning").containsEntry("currentPeriod", "2025-02")
                .containsEntry("title", "Ahead").containsEntry("metric", "net-new-members")
                .containsEntry("unit", "members/month").containsEntry("cadence", "month")
                .containsEntry("startDate", "2025-01-06").containsEntry("deadline", "2025-04-12");
        assertThat(((Number) aheadWig.get("currentValue")).doubleValue()).isEqualTo(21.0);
        assertThat(((Number) aheadWig.get("expectedByNow")).doubleValue()).isEqualTo(20.0);
        assertThat(wigOn(board, slightlyBehind)).containsEntry("status", "at-risk");
        assertThat(wigOn(board, farBehind)).containsEntry("status", "losing");
        assertThat(wigOn(board, shrinking)).containsEntry("status", "winning");
        Map<String, Object> unreadWig = wigOn(board, unread);
        assertThat(unreadWig).containsEntry("status", "no-data").containsEntry("title", "Not read yet, renamed")
                .doesNotContainKey("currentValue");
        assertThat(((Number) unreadWig.get("expectedByNow")).doubleValue()).isEqualTo(20.0);
    }

    @Test
    void givenAWeekBeforeTheStart_thenTheStartValueIsExpected_andAfterTheDeadlineTheTarget() {
        UUID onTrack = wig("On track", 10, 30);
        published.awaitApplied(published.lagReadingRecorded(onTrack, team, unit, "2025-01", "10"));

        Map<String, Object> before = wigOn(JsonPath.from(scoreboard(team, "2024-W40")), onTrack);
        assertThat(((Number) before.get("expectedByNow")).doubleValue()).isEqualTo(10.0);
        assertThat(before).containsEntry("status", "winning");
        Map<String, Object> after = wigOn(JsonPath.from(scoreboard(team, "2025-W30")), onTrack);
        assertThat(((Number) after.get("expectedByNow")).doubleValue()).isEqualTo(30.0);
        assertThat(after).containsEntry("status", "losing");
    }

    @Test
    void givenTeamsOfAUnit_thenTheUnitScoreboardListsEachTeamsScoreboard_andTheUnitsOwnWigs() {
        UUID beta = UUID.randomUUID();
        UUID knownByItsWig = UUID.randomUUID();
        UUID alphasWig = UUID.randomUUID();
        UUID betasWig = UUID.randomUUID();
        UUID visits = UUID.randomUUID();
        UUID unitWig = UUID.randomUUID();
        published.teamCreated(team, unit, "Alpha");
        String alpha = published.wigDefined(alphasWig, team, unit, "Alpha's WIG", 10, 30, START, DEADLINE);
        published.teamCreated(beta, unit, "Beta");
        published.wigDefined(betasWig, beta, unit, "Beta's WIG", 0, 12, START, DEADLINE);
        published.leadMeasureProposed(visits, betasWig, beta, unit, "Workplace visits", WORKPLACE_VISIT, 5);
        published.leadMeasureActivated(visits, betasWig, beta, unit, WORKPLACE_VISIT, 5);
        String betas = published.leadReadingRecorded(visits, beta, unit, HALFWAY_WEEK, 3);
        String elsewhere = published.teamCreated(UUID.randomUUID(), UUID.randomUUID(), "Another unit's team");
        String notCreated = published.wigDefined(UUID.randomUUID(), knownByItsWig, unit, "A team without TeamCreated",
                1, 2, START, DEADLINE);
        published.wigDefined(unitWig, null, unit, "The unit's WIG", 100, 300, START, DEADLINE);
        String units = published.wigDefined(UUID.randomUUID(), null, unit, "Second unit WIG", 1, 2, START, DEADLINE);
        for (String last : List.of(alpha, betas, elsewhere, notCreated, units)) {
            published.awaitApplied(last); // the last event of each key (partition)
        }

        JsonPath board = given().queryParam("week", HALFWAY_WEEK).get("/units/{unitId}/scoreboard", unit)
                .then().statusCode(200).extract().jsonPath();

        assertThat(board.getString("unitId")).isEqualTo(unit.toString());
        assertThat(board.getString("week")).isEqualTo(HALFWAY_WEEK);
        assertThat(board.getList("teams.teamId")).as("named teams by name, then a team known only by its WIG")
                .containsExactly(team.toString(), beta.toString(), knownByItsWig.toString());
        assertThat(board.getList("teams.name")).containsExactly("Alpha", "Beta", null);
        assertThat(board.getList("teams[0].wigs.wigId")).containsExactly(alphasWig.toString());
        assertThat(board.getList("teams[1].wigs.wigId")).containsExactly(betasWig.toString());
        assertThat(board.getList("teams[1].leadMeasures.leadMeasureId")).containsExactly(visits.toString());
        assertThat(board.getInt("teams[1].leadMeasures[0].thisWeek.manual")).isEqualTo(3);
        assertThat(board.getString("teams[1].leadMeasures[0].thisWeek.week")).isEqualTo(HALFWAY_WEEK);
        assertThat(board.getList("teams[2].wigs.title")).containsExactly("A team without TeamCreated");
        assertThat(board.getList("unitWigs.title")).containsExactly("The unit's WIG", "Second unit WIG");
        assertThat(board.getString("unitWigs[0].wigId")).isEqualTo(unitWig.toString());
        assertThat(board.getString("unitWigs[0].status")).isEqualTo("no-data");
        assertThat(board.getDouble("unitWigs[0].expectedByNow")).isEqualTo(200.0);
    }

    @Test
    void givenUnitKnownOnlyByAUnitWig_thenItsScoreboardHasNoTeams() {
        published.awaitApplied(published.wigDefined(UUID.randomUUID(), null, unit, "The unit's WIG", 1, 2, START, DEADLINE));

        given().queryParam("week", HALFWAY_WEEK).get("/units/{unitId}/scoreboard", unit).then().statusCode(200)
                .body("teams.size()", equalTo(0))
                .body("unitWigs[0].title", equalTo("The unit's WIG"));
    }

    @Test
    void givenTeamKnownOnlyByItsLeadMeasure_thenItHasAScoreboard_showingTheCurrentWeekByDefault() {
        UUID visits = UUID.randomUUID();
        published.leadMeasureProposed(visits, UUID.randomUUID(), team, unit, "Workplace visits", WORKPLACE_VISIT, 5);
        published.awaitApplied(published.leadMeasureActivated(visits, UUID.randomUUID(), team, unit, WORKPLACE_VISIT, 5));

        ZoneId stockholm = ZoneId.of("Europe/Stockholm");
        String weekBefore = Periods.of(LocalDate.now(stockholm), Cadence.WEEK);
        JsonPath board = given().get("/teams/{teamId}/scoreboard", team).then().statusCode(200).extract().jsonPath();
        String weekAfter = Periods.of(LocalDate.now(stockholm), Cadence.WEEK);

        assertThat(board.getString("week")).isIn(weekBefore, weekAfter);
        assertThat(board.getString("unitId")).isEqualTo(unit.toString());
        assertThat(board.getList("wigs")).isEmpty();
        assertThat(board.getString("leadMeasures[0].name")).isEqualTo("Workplace visits");
        assertThat(board.getString("leadMeasures[0].thisWeek.week")).isEqualTo(board.getString("week"));
        assertThat(board.getString("leadMeasures[0].status")).as("nothing done by any day of the current week")
                .isEqualTo("losing").isEqualTo(board.getString("leadMeasures[0].thisWeek.status"));
        List<String> weeks = board.getList("leadMeasures[0].last12Weeks.week");
        assertThat(weeks).hasSize(12).isSorted().endsWith(board.getString("week"));
    }

    @Test
    void givenUnitWithoutTeamsOrWigsYet_thenItsScoreboardIsEmpty() {
        UUID unit = UUID.randomUUID();
        published.awaitApplied(published.unitCreated(unit, "Region office East"));

        given().get("/units/{unitId}/scoreboard", unit).then().statusCode(200)
                .body("unitId", equalTo(unit.toString()))
                .body("teams", org.hamcrest.Matchers.empty())
                .body("unitWigs", org.hamcrest.Matchers.empty());
    }

    @Test
    void givenUnknownTeamOrUnit_then404Problem() {
        given().get("/teams/{teamId}/scoreboard", UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM).body("status", equalTo(404)).body("code", equalTo("team-not-found"));
        given().get("/units/{unitId}/scoreboard", UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM).body("status", equalTo(404)).body("code", equalTo("unit-not-found"));
        given().get("/teams/not-a-uuid/scoreboard").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void givenBadWeek_then400ProblemNamingTheField() {
        published.awaitApplied(published.teamCreated(team, unit, "Known"));

        for (String week : List.of("2026-W54", "2026-48", "2026-W4", "last week")) {
            given().queryParam("week", week).get("/teams/{teamId}/scoreboard", team).then().statusCode(400)
                    .contentType(PROBLEM).body("code", equalTo("validation-failed"))
                    .body("errors[0].field", equalTo("week"))
                    .body("errors[0].message", containsString("ISO week"));
        }
        given().queryParam("week", "2026-W00").get("/units/{unitId}/scoreboard", unit).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("week"));
    }

    @Test
    void openApiDocumentsBothScoreboardsWithTheirStatusRulesAndProblems() {
        JsonPath openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        for (String path : List.of("/teams/{teamId}/scoreboard", "/units/{unitId}/scoreboard")) {
            Map<String, Object> get = openApi.getMap("paths.'" + path + "'.get");
            assertThat(get).as(path).isNotNull();
            assertThat((String) get.get("description")).contains("gap = (currentValue − expectedByNow) / (to − from)")
                    .contains("`at-risk` if −0.1 ≤ gap < 0").contains("Monday = 1 … Sunday = 7");
            assertThat(openApi.getMap("paths.'" + path + "'.get.responses")).containsKeys("200", "400", "404");
        }
    }

    private UUID wig(String title, int from, int to) {
        UUID wig = UUID.randomUUID();
        published.wigDefined(wig, team, unit, title, from, to, START, DEADLINE);
        return wig;
    }

    private static Map<String, Object> wigOn(JsonPath board, UUID wig) {
        Map<String, Object> found = board.getMap("wigs.find { it.wigId == '" + wig + "' }");
        assertThat(found).as("WIG %s on the scoreboard", wig).isNotNull();
        return found;
    }
}
