package org.learningloop.goal.scoreboard;

import org.learningloop.contracts.Periods;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.goal.OrganisationFixtures;
import org.learningloop.platform.config.LoopConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.learningloop.goal.scoreboard.LeadMeasureActualsTest.leadMeasure;
import static org.learningloop.goal.scoreboard.LeadMeasureActualsTest.scoreboard;
import static org.learningloop.goal.scoreboard.Published.WORKPLACE_VISIT;

/**
 * A lead measure activated through the API with {@code activeFrom} in the past counts the activities carried out
 * since then — those already applied when it is activated and those that arrive later — on the scoreboard, through
 * the real relay, broker and projection; one activated without it counts only from its activation.
 */
@QuarkusTest
class BackDatedActivationTest {

    @Inject
    Pool pool;

    @Inject
    LoopConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    Published published;
    OrganisationFixtures.Team team;
    UUID wig;
    Instant now;

    @BeforeEach
    void givenTeamWig() {
        published = new Published(kafka, pool);
        team = OrganisationFixtures.team();
        wig = teamWig();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void givenActivatedFromThreeWeeksAgo_whenActivitiesOfTwoWeeksAgoAreAppliedBeforeAndAfter_thenTheirWeekCountsThem_butNotForOneActivatedNow() {
        Instant twoWeeksAgo = now.minus(Duration.ofDays(14));
        String week = Periods.of(twoWeeksAgo, config.timeZone(), Cadence.WEEK);
        UUID backDated = proposed("Workplace visits since three weeks");
        UUID fromNow = proposed("Workplace visits from now on");
        // applied before the activations: counted (or not) when they are applied
        published.awaitApplied(published.activityCarriedOut(UUID.randomUUID(), team.teamId(), team.unitId(),
                WORKPLACE_VISIT, twoWeeksAgo.toString()));

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"activeFrom\": \"" + now.minus(Duration.ofDays(21)) + "\"}")
                .post("/lead-measures/" + backDated + "/activate").then().statusCode(200)
                .body("activation.activeFrom", equalTo(now.minus(Duration.ofDays(21)).toString()));
        given().header("If-Match", "\"1\"").post("/lead-measures/" + fromNow + "/activate").then().statusCode(200);
        published.awaitApplied(activationEventId(backDated));
        published.awaitApplied(activationEventId(fromNow));

        assertThat(leadMeasure(scoreboard(team.teamId(), week), backDated).getInt("thisWeek.automatic"))
                .as("counted at activation").isEqualTo(1);

        // applied after the activations
        published.awaitApplied(published.activityCarriedOut(UUID.randomUUID(), team.teamId(), team.unitId(),
                WORKPLACE_VISIT, twoWeeksAgo.toString()));

        String board = scoreboard(team.teamId(), week);
        assertThat(leadMeasure(board, backDated).getInt("thisWeek.automatic")).isEqualTo(2);
        assertThat(leadMeasure(board, fromNow).getInt("thisWeek.automatic"))
                .as("active only from its activation, after both activities").isZero();
    }

    private UUID teamWig() {
        String body = """
                {"title": "Grow from 10 to 30 net new members a month", "teamId": "%s", "unitId": "%s",
                 "lagMeasure": {"metric": "net-new-members", "unit": "members/month", "from": 10, "to": 30,
                                "startDate": "2026-09-01", "deadline": "2027-06-30", "cadence": "month"}}
                """.formatted(team.teamId(), team.unitId());
        return UUID.fromString(given().contentType(ContentType.JSON).body(body).post("/wigs").then().statusCode(201)
                .extract().path("id"));
    }

    private UUID proposed(String name) {
        String body = """
                {"wigId": "%s", "name": "%s", "activityType": "%s", "weeklyTarget": 5,
                 "hypothesis": "Five visits a week bring ten net new members a month",
                 "checklist": {"predictive": {"met": true}, "influenceable": {"met": true}, "measurable": {"met": true},
                               "teamOwned": {"met": true}, "ongoing": {"met": true}}}
                """.formatted(wig, name, WORKPLACE_VISIT);
        return UUID.fromString(given().contentType(ContentType.JSON).body(body).post("/lead-measures").then()
                .statusCode(201).extract().path("id"));
    }

    private String activationEventId(UUID leadMeasure) {
        return pool.preparedQuery("select event_id from event_store where stream_id = $1 and event_type = $2")
                .execute(Tuple.of("lead-measure-" + leadMeasure, "goal.lead-measure-activated"))
                .map(rows -> rows.iterator().next().getUUID(0).toString()).await().indefinitely();
    }
}
