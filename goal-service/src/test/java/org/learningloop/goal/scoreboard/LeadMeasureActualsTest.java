package org.learningloop.goal.scoreboard;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.goal.scoreboard.Published.WORKPLACE_VISIT;

/**
 * A lead measure's weekly actuals on the team scoreboard: activities carried out, published on
 * {@code loop.activities} as activity-service publishes them, count automatically; manual readings
 * count separately. Everything goes through the real broker and database.
 */
@QuarkusTest
class LeadMeasureActualsTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    Published published;
    UUID unit;
    UUID team;
    UUID wig;
    UUID visits;

    @BeforeEach
    void givenTeamWithActiveLeadMeasureOfWorkplaceVisits() {
        published = new Published(kafka, pool);
        unit = UUID.randomUUID();
        team = UUID.randomUUID();
        wig = UUID.randomUUID();
        visits = UUID.randomUUID();
        published.teamCreated(team, unit, "Recruitment team");
        published.wigDefined(wig, team, unit, "Grow from 10 to 30", 10, 30, LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 6, 30));
        published.leadMeasureProposed(visits, wig, team, unit, "Workplace visits", WORKPLACE_VISIT, 5);
        published.awaitApplied(published.leadMeasureActivated(visits, wig, team, unit, WORKPLACE_VISIT, 5));
    }

    @Test
    void givenActivityCarriedOut_whenDeliveredTwice_andPublishedAgainUnderANewEventId_thenCountsOnce() {
        UUID activity = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        published.activityCarriedOut(eventId, activity, team, unit, WORKPLACE_VISIT, "2026-11-25T10:00:00Z");
        published.activityCarriedOut(eventId, activity, team, unit, WORKPLACE_VISIT, "2026-11-25T10:00:00Z");
        // the team's records share a partition: once the last is applied, so are the ones before it
        published.awaitApplied(published.activityCarriedOut(activity, team, unit, WORKPLACE_VISIT, "2026-11-25T10:00:00Z"));

        Map<String, Object> thisWeek = leadMeasure(scoreboard(team, "2026-W48"), visits).getMap("thisWeek");
        assertThat(thisWeek).containsEntry("week", "2026-W48").containsEntry("automatic", 1)
                .containsEntry("manual", 0).containsEntry("actual", 1).containsEntry("target", 5);
        assertThat(countedRows(visits, activity)).isEqualTo(1);
    }

    @Test
    void givenActivitiesOfAnotherTeamOrAnotherType_thenTheyDoNotCount() {
        UUID otherTeam = UUID.randomUUID();
        UUID otherTeamsVisits = UUID.randomUUID();
        published.leadMeasureProposed(otherTeamsVisits, UUID.randomUUID(), otherTeam, unit, "Visits", WORKPLACE_VISIT, 3);
        published.awaitApplied(
                published.leadMeasureActivated(otherTeamsVisits, UUID.randomUUID(), otherTeam, unit, WORKPLACE_VISIT, 3));
        String otherTeams = published.activityCarriedOut(UUID.randomUUID(), otherTeam, unit, WORKPLACE_VISIT,
                "2026-11-24T10:00:00Z");
        String otherType = published.activityCarriedOut(UUID.randomUUID(), team, unit, "safety-round",
                "2026-11-24T11:00:00Z");
        String counted = published.activityCarriedOut(UUID.randomUUID(), team, unit, WORKPLACE_VISIT,
                "2026-11-24T12:00:00Z");
        published.awaitApplied(otherTeams);
        published.awaitApplied(otherType);
        published.awaitApplied(counted);

        assertThat(leadMeasure(scoreboard(team, "2026-W48"), visits).getInt("thisWeek.automatic")).isEqualTo(1);
        assertThat(leadMeasure(scoreboard(otherTeam, "2026-W48"), otherTeamsVisits).getInt("thisWeek.automatic"))
                .as("the other team's own lead measure counts its activity").isEqualTo(1);
    }

    @Test
    void givenActivityLateOnSundayInUtc_thenItCountsInTheWeekItIsInStockholm() {
        // Sunday 23:30 UTC is Monday 00:30 in Stockholm: in UTC both would count a week earlier
        published.activityCarriedOut(UUID.randomUUID(), team, unit, WORKPLACE_VISIT, "2026-11-22T23:30:00Z");
        String last = published.activityCarriedOut(UUID.randomUUID(), team, unit, WORKPLACE_VISIT, "2026-11-29T23:30:00Z");
        published.awaitApplied(last);

        JsonPath measure = leadMeasure(scoreboard(team, "2026-W49"), visits);
        assertThat(measure.getInt("thisWeek.automatic")).isEqualTo(1);
        List<Map<String, Object>> weeks = measure.getList("last12Weeks");
        assertThat(weeks).hasSize(12);
        assertThat(weeks.get(0)).containsEntry("week", "2026-W38");
        assertThat(weeks.get(11)).containsEntry("week", "2026-W49").containsEntry("automatic", 1);
        assertThat(weeks.get(10)).containsEntry("week", "2026-W48").containsEntry("automatic", 1);
        assertThat(weeks.get(9)).containsEntry("week", "2026-W47").containsEntry("automatic", 0)
                .containsEntry("manual", 0).containsEntry("actual", 0).containsEntry("target", 5)
                .containsEntry("met", false);
    }

    @Test
    void givenManualReadings_thenTheyShowBesideTheAutomaticCount_andACorrectionSupersedes() {
        published.activityCarriedOut(UUID.randomUUID(), team, unit, WORKPLACE_VISIT, "2026-11-23T09:00:00Z");
        published.awaitApplied(
                published.activityCarriedOut(UUID.randomUUID(), team, unit, WORKPLACE_VISIT, "2026-11-24T09:00:00Z"));
        published.leadReadingRecorded(visits, team, unit, "2026-W48", 4);
        published.leadReadingRecorded(visits, team, unit, "2026-W47", 2);
        published.awaitApplied(published.leadReadingRecorded(visits, team, unit, "2026-W48", 4));

        JsonPath recorded = leadMeasure(scoreboard(team, "2026-W48"), visits);
        assertThat(recorded.getMap("thisWeek")).containsEntry("automatic", 2).containsEntry("manual", 4)
                .containsEntry("actual", 6).containsEntry("target", 5);
        assertThat(recorded.getMap("last12Weeks[10]")).containsEntry("week", "2026-W47").containsEntry("automatic", 0)
                .containsEntry("manual", 2).containsEntry("actual", 2).containsEntry("met", false);
        assertThat(recorded.getMap("last12Weeks[11]")).containsEntry("week", "2026-W48").containsEntry("met", true);

        published.awaitApplied(published.leadReadingCorrected(visits, team, unit, "2026-W48", 1, 4));

        JsonPath corrected = leadMeasure(scoreboard(team, "2026-W48"), visits);
        assertThat(corrected.getMap("thisWeek")).containsEntry("automatic", 2).containsEntry("manual", 1)
                .containsEntry("actual", 3);
        assertThat(corrected.getMap("last12Weeks[11]")).containsEntry("manual", 1).containsEntry("met", false);
    }

    @Test
    void givenLeadMeasureProposedOnlyOrRetired_thenActivitiesDoNotCountTowardsIt() {
        UUID proposedOnly = UUID.randomUUID();
        published.leadMeasureProposed(proposedOnly, wig, team, unit, "PU dialogues", "pu-dialogue", 2);
        published.awaitApplied(published.leadMeasureRetired(visits, wig, team, unit));
        // activities go to another topic than lead measures: only once both are applied does the order hold
        published.activityCarriedOut(UUID.randomUUID(), team, unit, "pu-dialogue", "2026-11-24T09:00:00Z");
        String last = published.activityCarriedOut(UUID.randomUUID(), team, unit, WORKPLACE_VISIT, "2026-11-24T10:00:00Z");
        published.awaitApplied(last);

        assertThat(weekRows(proposedOnly)).isZero();
        assertThat(weekRows(visits)).isZero();
        assertThat(JsonPath.from(scoreboard(team, "2026-W48")).getList("leadMeasures")).as("neither is active").isEmpty();
    }

    @Test
    void givenActivitiesAppliedBeforeTheActivationAndRetirementTheyFallUnder_thenCountedByWhenCarriedOut() {
        UUID calls = UUID.randomUUID();
        published.leadMeasureProposed(calls, wig, team, unit, "Phone calls", "phone-call", 10);
        // activities come on another topic: here they are applied before the lead measure's activation and retirement
        published.activityCarriedOut(UUID.randomUUID(), team, unit, "phone-call", "2026-11-23T09:00:00Z"); // before
        published.activityCarriedOut(UUID.randomUUID(), team, unit, "phone-call", "2026-11-24T09:00:00Z"); // while active
        published.awaitApplied(published.activityCarriedOut(UUID.randomUUID(), team, unit, "phone-call",
                "2026-11-26T09:00:00Z"));                                                                   // after
        assertThat(automatic(calls, "2026-W48")).isZero();

        published.awaitApplied(published.leadMeasureActivatedAt(calls, wig, team, unit, "phone-call", 10,
                "2026-11-24T00:00:00Z"));
        assertThat(automatic(calls, "2026-W48")).as("counted at activation: carried out since").isEqualTo(2);

        published.awaitApplied(published.leadMeasureRetiredAt(calls, wig, team, unit, "2026-11-25T00:00:00Z"));
        assertThat(automatic(calls, "2026-W48")).as("taken back at retirement: carried out after it").isEqualTo(1);
    }

    private int automatic(UUID leadMeasure, String week) {
        return pool.preparedQuery("select coalesce(sum(automatic), 0) from scoreboard_lead_week where lead_measure_id = $1 and week = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(leadMeasure, week))
                .map(rows -> rows.iterator().next().getInteger(0)).await().indefinitely();
    }

    static String scoreboard(UUID team, String week) {
        return given().queryParam("week", week).get("/teams/{teamId}/scoreboard", team)
                .then().statusCode(200).extract().asString();
    }

    /** The lead measure's entry on the scoreboard, as the root of the paths asked. */
    static JsonPath leadMeasure(String scoreboard, UUID leadMeasure) {
        String entry = "leadMeasures.find { it.leadMeasureId == '" + leadMeasure + "' }";
        assertThat(JsonPath.from(scoreboard).getMap(entry)).as("lead measure %s in %s", leadMeasure, scoreboard).isNotNull();
        return JsonPath.from(scoreboard).setRootPath(entry);
    }

    private int countedRows(UUID leadMeasure, UUID activity) {
        return pool.preparedQuery("select count(*) from scoreboard_counted_activity where lead_measure_id = $1 and activity_id = $2")
                .execute(Tuple.of(leadMeasure, activity)).map(rows -> rows.iterator().next().getInteger(0))
                .await().indefinitely();
    }

    private int weekRows(UUID leadMeasure) {
        return pool.preparedQuery("select count(*) from scoreboard_lead_week where lead_measure_id = $1")
                .execute(Tuple.of(leadMeasure)).map(rows -> rows.iterator().next().getInteger(0))
                .await().indefinitely();
    }
}
