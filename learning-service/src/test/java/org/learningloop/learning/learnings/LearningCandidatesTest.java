package org.learningloop.learning.learnings;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.learning.LearningFixtures;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/**
 * activity-service's {@code activity.evaluated.v1} on {@code loop.activities}, through the real broker:
 * each improvement proposal becomes one open learning candidate, however often the event comes; the
 * team confirms one by recording a learning from it, and dismisses another.
 */
@QuarkusTest
class LearningCandidatesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenEvaluationDeliveredTwice_thenEachProposalIsOneOpenCandidate_thenConfirmedByALearning_andDismissed() {
        UUID team = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID activity = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        LearningFixtures.evaluated(kafka, team, unit, activity, eventId);
        LearningFixtures.evaluated(kafka, team, unit, activity, eventId);                        // redelivered
        LearningFixtures.evaluated(kafka, team, unit, activity, UUID.randomUUID().toString());   // republished under another id
        UUID sentinelActivity = UUID.randomUUID();
        LearningFixtures.evaluated(kafka, team, unit, sentinelActivity, UUID.randomUUID().toString());

        // the sentinel follows the three copies in the team's partition: once its candidates are there, so are theirs
        await().atMost(PATIENCE).until(() -> rows(pool, team) == 4);
        given().get("/teams/" + team + "/learning-candidates?status=open").then().statusCode(200)
                .body("items", hasSize(4))
                .body("items.status", everyItem(equalTo("open")))
                .body("items.proposal", hasItems("Book a quieter room", "Shorter talking points"));
        UUID frames = Candidates.candidateId(activity, 0);
        UUID content = Candidates.candidateId(activity, 1);
        given().get("/teams/" + team + "/learning-candidates?limit=1").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue());

        String learning = given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("insight", "A quiet room lets the intention get through", "tags", List.of("during", "frames"),
                        "fromCandidateId", frames.toString()))
                .post("/teams/" + team + "/learnings")
                .then().statusCode(201).header("ETag", "\"1\"")
                .body("element", equalTo("frames")).body("unitId", equalTo(unit.toString()))
                .body("activityIds", equalTo(List.of(activity.toString())))
                .body("fromCandidateId", equalTo(frames.toString()))
                .extract().path("id");
        given().get("/learnings/" + learning).then().statusCode(200).body("insight",
                equalTo("A quiet room lets the intention get through"));
        given().get("/teams/" + team + "/learnings").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(learning)).body("items[0].tags", equalTo(List.of("during", "frames")));

        UUID again = Candidates.candidateId(sentinelActivity, 0);
        given().get("/learning-candidates/" + again).then().statusCode(200).header("ETag", "\"0\"")
                .body("status", equalTo("open")).body("version", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("learningId", learning))
                .post("/learning-candidates/" + again + "/merge")
                .then().statusCode(428).contentType("application/problem+json").body("code", equalTo("if-match-required"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("learningId", UUID.randomUUID().toString()))
                .post("/learning-candidates/" + again + "/merge")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("learning-not-found"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("learningId", learning))
                .post("/learning-candidates/" + again + "/merge")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("confirmed"))
                .body("learningId", equalTo(learning)).body("version", equalTo(1));
        // a client that saw it open learns that it changed, and how it stands now
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("learningId", learning))
                .post("/learning-candidates/" + again + "/merge")
                .then().statusCode(412).header("ETag", "\"1\"").body("code", equalTo("stale-version"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("learningId", learning))
                .post("/learning-candidates/" + again + "/merge")
                .then().statusCode(409).body("code", equalTo("candidate-not-open"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of())
                .post("/learning-candidates/" + again + "/merge").then().statusCode(400);

        given().contentType(ContentType.JSON).body(Map.of("reason", "The talking points are fine"))
                .post("/learning-candidates/" + content + "/dismiss")
                .then().statusCode(428).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("reason", "The talking points are fine"))
                .post("/learning-candidates/" + content + "/dismiss")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("dismissed"))
                .body("dismissalReason", equalTo("The talking points are fine"));

        given().get("/teams/" + team + "/learning-candidates?status=confirmed").then().statusCode(200)
                .body("items", hasSize(2)).body("items.id", hasItems(frames.toString(), again.toString()))
                .body("items.learningId", everyItem(equalTo(learning)));
        given().get("/teams/" + team + "/learning-candidates?status=dismissed").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(content.toString()));

        // neither can be resolved again
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("reason", "again"))
                .post("/learning-candidates/" + frames + "/dismiss")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("candidate-not-open"));
        given().contentType(ContentType.JSON).body(Map.of("insight", "again", "fromCandidateId", content.toString()))
                .post("/teams/" + team + "/learnings")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(learnings(pool, team)).isEqualTo(1);
        given().get("/learning-candidates/none").then().statusCode(404);
    }

    @Test
    void givenAnEvaluationThatBreaksItsContract_thenDeadLettered_andOtherActivityEventsAddNoCandidate() {
        UUID team = UUID.randomUUID();
        String poison = UUID.randomUUID().toString();
        TopicReader.write(kafka, "loop.activities", team.toString(), "{\"activityId\": \"not-a-uuid\"}",
                "ce_specversion", "1.0", "ce_id", poison, "ce_type", "activity.evaluated.v1",
                "ce_source", "/activity-service", "ce_subject", team.toString(), "ce_time", "2026-11-26T15:00:00Z");
        TopicReader.write(kafka, "loop.activities", team.toString(),
                "{\"activityId\": \"%s\", \"teamId\": \"%s\", \"reason\": \"Closed\"}".formatted(UUID.randomUUID(), team),
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "activity.cancelled.v1",
                "ce_source", "/activity-service", "ce_subject", team.toString(), "ce_time", "2026-11-26T15:00:00Z");
        UUID sentinel = UUID.randomUUID();
        LearningFixtures.evaluated(kafka, team, UUID.randomUUID(), sentinel, UUID.randomUUID().toString());

        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(kafka, "loop.dlq.learning-service", PATIENCE,
                read -> read.stream().anyMatch(r -> poison.equals(TopicReader.header(r, "ce_id"))));
        assertThat(dead.stream().filter(r -> team.toString().equals(r.key()))).hasSize(1);
        await().atMost(PATIENCE).until(() -> rows(pool, team) == 2);
        given().get("/teams/" + team + "/learning-candidates").then().statusCode(200)
                .body("items.activityId", everyItem(equalTo(sentinel.toString())));
    }

    static int rows(Pool pool, UUID team) {
        return pool.preparedQuery("select count(*) from learning_candidate where team_id = $1").execute(Tuple.of(team))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getInteger(0);
    }

    static int learnings(Pool pool, UUID team) {
        return pool.preparedQuery("select count(*) from event_store where team_id = $1 and event_type = 'learning.learning-recorded'")
                .execute(Tuple.of(team)).await().atMost(Duration.ofSeconds(30)).iterator().next().getInteger(0);
    }
}
