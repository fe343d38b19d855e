package org.learningloop.goal.scoreboard;

import org.learningloop.goal.OrganisationFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.Metrics;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer of goal-service (the scoreboard's, on loop.goals and loop.activities) through the inbox: each kind of
 * poison record goes to the dead-letter topic with the reason, named by the consumer, and is counted; the records
 * after it are still applied.
 */
@QuarkusTest
class ScoreboardConsumerPoisonTest {

    private static final String DEAD_LETTERS = "loop_consumer_dead_letters_total";
    private static final String CONSUMER = ScoreboardProjection.CONSUMER;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Test
    void givenPoisonRecords_thenDeadLetteredWithReason_andCounted_andLaterEventsStillApplied() {
        UUID team = OrganisationFixtures.team().teamId();
        UUID wig = defineAndAwaitProjection(team);
        String undecodable = "consumer=\"" + CONSUMER + "\",reason=\"undecodable\"";
        String cannotApply = "consumer=\"" + CONSUMER + "\",reason=\"cannot-apply\"";
        double undecodableBefore = Metrics.value(management, DEAD_LETTERS, undecodable);
        double cannotApplyBefore = Metrics.value(management, DEAD_LETTERS, cannotApply);

        TopicReader.write(kafka, "loop.goals", team.toString(), "this is not json",
                "ce_id", UUID.randomUUID().toString(), "ce_type", "goal.lag-reading-recorded.v1");
        TopicReader.write(kafka, "loop.goals", team.toString(), "{}",
                "ce_id", UUID.randomUUID().toString(), "ce_type", "goal.something-unheard-of.v1");
        TopicReader.write(kafka, "loop.goals", team.toString(), "{}", "ce_type", "goal.lag-reading-recorded.v1");
        TopicReader.write(kafka, "loop.goals", team.toString(),
                "{\"wigId\": \"" + UUID.randomUUID() + "\", \"teamId\": \"" + team + "\", \"title\": \"No lag measure\"}",
                "ce_id", UUID.randomUUID().toString(), "ce_type", "goal.wig-defined.v1");
        // a newer version of a known type, as from a producer upgraded before its consumers
        TopicReader.write(kafka, "loop.goals", team.toString(), "{}",
                "ce_id", UUID.randomUUID().toString(), "ce_type", "goal.lag-reading-recorded.v2");
        publishReading(team, wig, UUID.randomUUID().toString(), "2026-11", 5);

        // this consumer dead-letters each kind of poison record (another consumer of the topic would too: the
        // reason names the consumer); wait for each kind, not for a number of records
        List<String> kinds = List.of("does not fit its contract", "Unknown event type", "Missing CloudEvents header",
                "cannot be applied", "Unknown version 2 of goal.lag-reading-recorded");
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(kafka, "loop.dlq.goal-service",
                Duration.ofSeconds(30), read -> kinds.stream().allMatch(kind -> deadLetterReasons(read, team).stream()
                        .anyMatch(reason -> reason != null && reason.contains(kind))));
        List<String> reasons = deadLetterReasons(dead, team);
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("does not fit its contract"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("Unknown event type goal.something-unheard-of"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("Missing CloudEvents header"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("cannot be applied"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("Unknown version 2"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "2026-11".equals(currentPeriod(wig)));
        // the runbook's dead-letter counter: four records this consumer could not read, one it could not apply
        assertThat(Metrics.value(management, DEAD_LETTERS, undecodable)).isEqualTo(undecodableBefore + 4);
        assertThat(Metrics.value(management, DEAD_LETTERS, cannotApply)).isEqualTo(cannotApplyBefore + 1);
    }

    private static List<String> deadLetterReasons(List<ConsumerRecord<String, String>> dead, UUID team) {
        return dead.stream().filter(r -> team.toString().equals(r.key()))
                .map(r -> TopicReader.header(r, "dead-letter-reason"))
                .filter(reason -> reason != null && reason.startsWith(CONSUMER + ": ")).toList();
    }

    private UUID defineAndAwaitProjection(UUID team) {
        String body = """
                {"title": "Projected", "teamId": "%s",
                 "lagMeasure": {"metric": "net-new-members", "unit": "members/month", "from": 10, "to": 30,
                                "startDate": "2026-09-01", "deadline": "2027-06-30", "cadence": "month"}}
                """.formatted(team);
        String id = given().contentType(ContentType.JSON).body(body)
                .post("/wigs").then().statusCode(201).extract().path("id");
        UUID wig = UUID.fromString(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> known(wig));
        return wig;
    }

    private void publishReading(UUID team, UUID wig, String eventId, String period, int value) {
        String payload = """
                {"wigId": "%s", "teamId": "%s", "period": "%s", "value": %d}""".formatted(wig, team, period, value);
        TopicReader.write(kafka, "loop.goals", team.toString(), payload,
                "ce_specversion", "1.0", "ce_id", eventId, "ce_type", "goal.lag-reading-recorded.v1",
                "ce_source", "/test", "ce_subject", team.toString(), "ce_time", "2026-11-27T10:00:00Z");
    }

    private boolean known(UUID wig) {
        return pool.preparedQuery("select 1 from scoreboard_wig where wig_id = $1").execute(Tuple.of(wig))
                .map(rows -> rows.size() == 1).await().indefinitely();
    }

    private String currentPeriod(UUID wig) {
        return pool.preparedQuery("select current_period from scoreboard_wig where wig_id = $1").execute(Tuple.of(wig))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0)).await().indefinitely();
    }
}
