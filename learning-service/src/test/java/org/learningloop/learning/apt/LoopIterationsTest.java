package org.learningloop.learning.apt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.learning.LoopFixtures;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A team's loop iterations: iteration 1 runs until the first workplace meeting that closes it, the next
 * from the month after; each shows the designs in use, activities and outcomes (by carriedOutAt),
 * commitments (by the month of the meeting's week), learnings and the agreements that ended it.
 */
@QuarkusTest
class LoopIterationsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenActivitiesCommitmentsAndAClosedApt_thenEachIterationShowsWhatHappenedInIt() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID design = UUID.randomUUID();
        UUID october = UUID.randomUUID();
        UUID november = UUID.randomUUID();
        UUID december = UUID.randomUUID();
        LoopFixtures.unitAndTeams(kafka, unit, team);
        LoopFixtures.carriedOut(kafka, team, unit, october, null, design, 1, "call-centre", "2026-10-14T09:00:00Z", "yes",
                Map.of("membersRecruited", 2), List.of());
        LoopFixtures.carriedOut(kafka, team, unit, november, null, design, 1, "call-centre", "2026-11-18T09:00:00Z", "no",
                Map.of("membersRecruited", 1), List.of());
        LoopFixtures.carriedOut(kafka, team, unit, december, null, design, 2, "call-centre", "2026-12-02T09:00:00Z", "yes",
                Map.of("membersRecruited", 4), List.of());
        await().atMost(PATIENCE).until(() -> count("select count(*) from activity_fact where team_id = $1", team) == 3
                && count("select count(*) from team_directory where team_id = $1", team) == 1);

        String wigMeeting = given().contentType(ContentType.JSON).body(Map.of("week", "2026-W45"))
                .post("/teams/" + team + "/wig-meetings").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("commitments", List.of(Map.of("memberId", UUID.randomUUID().toString(),
                        "what", "Two visits", "dueWeek", "2026-W46"))))
                .post("/wig-meetings/" + wigMeeting + "/record").then().statusCode(200);
        String learning = given().contentType(ContentType.JSON).body(Map.of("insight", "Stories work"))
                .post("/teams/" + team + "/learnings").then().statusCode(201).extract().path("id");

        JsonPath before = given().get("/teams/" + team + "/loops").then().statusCode(200).extract().jsonPath();
        assertThat(before.getInt("currentIteration")).isEqualTo(1);
        assertThat(before.getList("iterations")).hasSize(1);
        assertThat(before.getInt("iterations[0].activitiesCarriedOut")).isEqualTo(3);

        String apt = given().contentType(ContentType.JSON).body(Map.of("month", "2026-11"))
                .post("/units/" + unit + "/workplace-meetings").then().statusCode(201).extract().path("id");
        String agreement = given().contentType(ContentType.JSON).body(Map.of("kind", "revise-design",
                        "designId", design.toString(), "teamId", team.toString(), "rationale", "Stories work",
                        "hypothesis", "A member's story gets the intention through"))
                .header("If-Match", "\"1\"").post("/workplace-meetings/" + apt + "/agreements").then().statusCode(200).extract().path("agreements[0].id");
        given().header("If-Match", "\"2\"").post("/workplace-meetings/" + apt + "/close")
                .then().statusCode(200);

        JsonPath loops = given().get("/teams/" + team + "/loops").then().statusCode(200).extract().jsonPath();
        assertThat(loops.getInt("currentIteration")).isEqualTo(2);
        assertThat(loops.getList("iterations.iteration")).containsExactly(1, 2);
        assertThat(loops.getList("iterations[0].activityIds")).containsExactly(october.toString(), november.toString());
        assertThat(loops.getInt("iterations[0].activitiesCarriedOut")).isEqualTo(2);
        assertThat(loops.getMap("iterations[0].outcomes")).isEqualTo(Map.of("membersRecruited", 3));
        assertThat(loops.getList("iterations[0].designs.designVersion")).containsExactly(1);
        assertThat(loops.getList("iterations[0].designs.activities")).containsExactly(2);
        assertThat(loops.getList("iterations[0].commitments.what")).containsExactly("Two visits");
        assertThat(loops.getList("iterations[0].agreements.id")).containsExactly(agreement);
        assertThat(loops.getString("iterations[0].agreements[0].hypothesis"))
                .isEqualTo("A member's story gets the intention through");
        assertThat(loops.getList("iterations[1].activityIds")).containsExactly(december.toString());
        assertThat(loops.getMap("iterations[1].outcomes")).isEqualTo(Map.of("membersRecruited", 4));
        assertThat(loops.getList("iterations[1].designs.designVersion")).containsExactly(2);
        assertThat(loops.getList("iterations[1].commitments")).isEmpty();
        assertThat(loops.getList("iterations[1].agreements")).isEmpty();
        // the learning lands in the iteration of the month it was recorded in (now)
        List<Object> learnings = loops.getList("iterations.learnings.id").stream()
                .flatMap(l -> ((List<?>) l).stream()).map(Object.class::cast).toList();
        assertThat(learnings).containsExactly(learning);

        given().get("/teams/" + UUID.randomUUID() + "/loops").then().statusCode(200)
                .body("currentIteration", org.hamcrest.Matchers.equalTo(1))
                .body("iterations[0].activitiesCarriedOut", org.hamcrest.Matchers.equalTo(0));
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong(0);
    }
}
