package org.learningloop.reporting.state;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.reporting.LoopScenario;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Time travel: the team's state as the API showed it at several instants while its events were published
 * equals {@code /state?asOf=<that instant>} afterwards.
 */
@QuarkusTest
class TeamStateTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void theStateAsOfAPastInstant_equalsWhatTheApiShowedThen() throws InterruptedException {
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-03-02T08:00:00Z"));
        UUID team = scenario.team("North", 4);
        List<LoopScenario.Published> events = scenario.events();
        Map<Instant, Map<String, Object>> shown = new LinkedHashMap<>();
        int chunk = (events.size() + 4) / 5;
        for (int start = 0; start < events.size(); start += chunk) {
            List<LoopScenario.Published> now = new ArrayList<>();
            for (LoopScenario.Published event : events.subList(start, Math.min(events.size(), start + chunk))) {
                now.add(event.at(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            }
            LoopScenario.publish(kafka, now);
            String last = now.get(now.size() - 1).eventId().toString();
            await().atMost(PATIENCE).until(() -> given().get("/teams/" + team + "/history?limit=500").jsonPath()
                    .getList("items.eventId").contains(last));
            Thread.sleep(5); // the instant recorded is after every event published so far, and before the next ones
            Instant instant = Instant.now();
            Map<String, Object> state = given().get("/teams/" + team + "/state").then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            state.remove("asOf");
            state.remove("knownAt");
            shown.put(instant, state);
            Thread.sleep(5);
        }
        assertThat(shown).hasSize(5);
        List<Integer> folded = new ArrayList<>();
        shown.forEach((instant, state) -> {
            JsonPath asOf = given().queryParam("asOf", instant.toString()).get("/teams/" + team + "/state").then()
                    .statusCode(200).body("asOf", equalTo(instant.toString())).extract().jsonPath();
            Map<String, Object> then = asOf.getMap("$");
            then.remove("asOf");
            then.remove("knownAt");
            assertThat(then).as("state as of %s", instant).isEqualTo(state);
            folded.add(asOf.getInt("eventsFolded"));
        });
        assertThat(folded).isSorted().doesNotHaveDuplicates();
        assertThat(shown.values()).last().satisfies(state -> assertThat(state.get("name")).isEqualTo("North"));
    }

    /**
     * Bi-temporal time travel (issue 16): a team's history recorded long after it happened (as the demo, and any
     * organisation that back-fills, records it) reads in business time ({@code validAt}: what had happened by then)
     * and in recording time ({@code knownAt}: what the system knew then).
     */
    @Test
    void aHistoryRecordedLate_readsAsItStoodInBusinessTime_andAsItWasKnownInRecordingTime() throws InterruptedException {
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-03-02T08:00:00Z"));
        UUID team = scenario.team("South", 3);
        Instant beforeRecording = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(5);
        List<LoopScenario.Published> recordedNow = scenario.events().stream()
                .map(event -> event.at(Instant.now().truncatedTo(ChronoUnit.MILLIS))).toList();
        LoopScenario.publish(kafka, recordedNow);
        String last = recordedNow.get(recordedNow.size() - 1).eventId().toString();
        await().atMost(PATIENCE).until(() -> given().get("/teams/" + team + "/history?limit=500").jsonPath()
                .getList("items.eventId").contains(last));
        List<Instant> carriedOut = scenario.events().stream()
                .filter(event -> event.key().equals(team) && event.type().equals("activity.carried-out.v1"))
                .map(event -> ((org.learningloop.contracts.activity.ActivityCarriedOut) event.event()).carriedOutAt())
                .sorted().toList();
        Instant third = carriedOut.get(2);

        given().queryParam("validAt", third.toString()).get("/teams/" + team + "/state").then().statusCode(200)
                .body("name", equalTo("South")).body("validAt", equalTo(third.toString()))
                .body("activities.carriedOut.count", equalTo(3))
                .body("activities.evaluated.count", equalTo(0)); // evaluations have no time but their recording
        given().get("/teams/" + team + "/state").then().statusCode(200)
                .body("activities.evaluated.count", greaterThan(0)).body("validAt", nullValue());
        given().queryParam("validAt", "2026-03-01").get("/teams/" + team + "/state").then().statusCode(200)
                .body("activities.carriedOut.count", equalTo(0)).body("wigs", hasSize(0));
        given().queryParam("validAt", third.toString()).queryParam("knownAt", beforeRecording.toString())
                .get("/teams/" + team + "/state").then().statusCode(200)
                .body("eventsFolded", equalTo(0)).body("knownAt", equalTo(beforeRecording.toString()));

        given().get("/teams/" + team + "/state?validAt=September").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("validAt"));
        given().get("/teams/" + team + "/state?knownAt=2026-09-15&asOf=2026-09-15T00:00:00Z").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void badAsOf_is400_andAnUnknownTeam_is404() {
        given().get("/teams/" + UUID.randomUUID() + "/state?asOf=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
        given().get("/teams/not-a-team/state").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("teamId"));
        given().get("/teams/" + UUID.randomUUID() + "/state").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
