package org.learningloop.learning.learnings;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.SealedText;
import org.learningloop.platform.privacy.TextKeys;
import org.learningloop.testing.SignedIn;

import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** Learnings over HTTP: recorded, read, listed a page at a time; bad input is a 4xx problem and stores nothing. */
@QuarkusTest
class LearningResourceTest {

    @Inject
    Pool pool;

    @Inject
    TextKeys textKeys;

    static Response post(UUID team, Object body, String key) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/teams/" + team + "/learnings");
    }

    @Test
    void whenRecorded_then201WithLocation_readable_andListedInPages() {
        UUID team = UUID.randomUUID();
        UUID activity = UUID.randomUUID();
        Response created = post(team, Map.of("insight", "Stories get the intention through", "element", "content",
                "tags", List.of("after", "content"), "activityIds", List.of(activity.toString())), null);
        created.then().statusCode(201).header("ETag", "\"1\"").body("teamId", equalTo(team.toString()))
                .body("element", equalTo("content")).body("version", equalTo(1));
        given().get(created.header("Location")).then().statusCode(200).header("ETag", "\"1\"")
                .body("activityIds", equalTo(List.of(activity.toString())));
        post(team, Map.of("insight", "Second"), null).then().statusCode(201);
        post(team, Map.of("insight", "Third"), null).then().statusCode(201);

        String next = given().get("/teams/" + team + "/learnings?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().queryParam("cursor", next).get("/teams/" + team + "/learnings?limit=2").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].insight", equalTo("Third"));
    }

    @Test
    void anInsight_isStoredSealed_readsPlain_andReadsErasedEverywhereOnceItsAuthorIsErased() {
        UUID team = UUID.randomUUID();
        String author = UUID.randomUUID().toString();
        String insight = "Fika first opened every door at the depot";
        String id = SignedIn.as(author, "org-admin").contentType(ContentType.JSON).body(Map.of("insight", insight))
                .post("/teams/" + team + "/learnings").then().statusCode(201).body("insight", equalTo(insight))
                .extract().path("id");
        given().get("/learnings/" + id).then().statusCode(200).body("insight", equalTo(insight));

        // stored sealed (ADR 18): in the event store and in the read model written in the same transaction
        String stored = text("select payload->>'insight' from event_store where payload->>'learningId' = $1", id);
        String listed = text("select insight from learning_view where learning_id = $1::uuid", id);
        assertThat(SealedText.isSealed(stored)).as(stored).isTrue();
        assertThat(SealedText.isSealed(listed)).as(listed).isTrue();

        int erased = pool.withTransaction(tx -> textKeys.forget(tx, UUID.fromString(author), Instant.now()))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(erased).isEqualTo(1);
        given().get("/learnings/" + id).then().statusCode(200).body("insight", equalTo(SealedText.ERASED));
        given().get("/teams/" + team + "/learnings").then().statusCode(200)
                .body("items[0].insight", equalTo(SealedText.ERASED));
        assertThat(pool.withTransaction(tx -> textKeys.forget(tx, UUID.fromString(author), Instant.now()))
                .await().atMost(Duration.ofSeconds(30))).as("a second erasure").isZero();
    }

    @Test
    void aTextHoldingASealedText_isRefused_andNothingStored() {
        UUID team = UUID.randomUUID();
        String copied = "sealed:v1:" + UUID.randomUUID() + ":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        post(team, Map.of("insight", "Read this: " + copied), null).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("sealed-text"))
                .body("errors[0].field", equalTo("insight"));
        assertThat(LearningCandidatesTest.learnings(pool, team)).isZero();
    }

    private String text(String sql, String id) {
        return pool.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await()
                .atMost(Duration.ofSeconds(30)).iterator().next().getString(0);
    }

    @Test
    void givenIdempotencyKey_whenRecordedTwice_thenSameAnswerAndOneEvent_andOtherBodyIs422() {
        UUID team = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String first = post(team, Map.of("insight", "Once"), key).then().statusCode(201).extract().path("id");
        String again = post(team, Map.of("insight", "Once"), key).then().statusCode(201).extract().path("id");
        assertThat(again).isEqualTo(first);
        post(team, Map.of("insight", "Other"), key).then().statusCode(422).contentType("application/problem+json");
        assertThat(LearningCandidatesTest.learnings(pool, team)).isEqualTo(1);
    }

    @Test
    void givenBadInput_thenProblemAndNothingStored() {
        UUID team = UUID.randomUUID();
        post(team, Map.of("tags", List.of("after")), null).then().statusCode(400).contentType("application/problem+json");
        post(team, Map.of("insight", " "), null).then().statusCode(400).contentType("application/problem+json");
        post(team, Map.of("insight", "x", "tags", List.of("mood")), null).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("unknown-tag"));
        post(team, Map.of("insight", "x", "element", "tone"), null).then().statusCode(422)
                .body("code", equalTo("unknown-element"));
        post(team, Map.of("insight", "x", "fromCandidateId", UUID.randomUUID().toString()), null).then().statusCode(422)
                .body("code", equalTo("candidate-not-found"));
        post(team, Map.of("insight", "x", "activityIds", List.of("not-a-uuid")), null).then().statusCode(400)
                .contentType("application/problem+json");
        post(team, Map.of("insight", "x", "surprise", 1), null).then().statusCode(400)
                .contentType("application/problem+json");
        post(team, Map.of("insight", "x"), "x".repeat(256)).then().statusCode(400).contentType("application/problem+json");
        assertThat(LearningCandidatesTest.learnings(pool, team)).isZero();

        given().get("/learnings/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("learning-not-found"));
        given().get("/teams/" + team + "/learnings?cursor=nonsense").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/teams/" + team + "/learnings?limit=0").then().statusCode(400);
        given().get("/teams/" + team + "/learning-candidates?status=maybe").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("reason", "r"))
                .post("/learning-candidates/" + UUID.randomUUID() + "/dismiss")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("candidate-not-found"));
        given().get("/learning-candidates/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("candidate-not-found"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("reason", ""))
                .post("/learning-candidates/" + UUID.randomUUID() + "/dismiss")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
