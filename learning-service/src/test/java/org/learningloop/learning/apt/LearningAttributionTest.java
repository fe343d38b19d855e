package org.learningloop.learning.apt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventJson;
import org.learningloop.learning.LoopFixtures;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A learning belongs to the loop iteration and the APT digest of the month of the first WIG meeting week
 * that reported it (its Thursday's month), however late the meeting was recorded; a learning no meeting
 * reported stays where its recording time puts it.
 */
@QuarkusTest
class LearningAttributionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenLearningsRecordedNow_whenOneIsReportedAtPastMeetings_thenItBelongsToTheEarliestMeetingsMonth() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        LoopFixtures.unitAndTeams(kafka, unit, team);
        await().atMost(PATIENCE).until(() -> count("select count(*) from team_directory where team_id = $1", team) == 1);

        String reported = learning(team, "Stories work at call centres");
        String unreported = learning(team, "Leaflets are not read");
        // a past October meeting is recorded first, then the September one that reported the learning earlier
        record(team, "2025-W41", List.of(reported));
        record(team, "2025-W37", List.of(reported));

        JsonPath september = given().contentType(ContentType.JSON).body(Map.of("month", "2025-09"))
                .post("/units/" + unit + "/workplace-meetings").then().statusCode(201).extract().jsonPath();
        assertThat(september.getList("digest.learnings.id")).containsExactly(reported);
        given().contentType(ContentType.JSON).body(Map.of("month", "2025-10"))
                .post("/units/" + unit + "/workplace-meetings").then().statusCode(201)
                .body("digest.learnings", org.hamcrest.Matchers.empty());

        given().header("If-Match", "\"1\"").post("/workplace-meetings/" + september.getString("id") + "/close")
                .then().statusCode(200);
        JsonPath loops = given().get("/teams/" + team + "/loops").then().statusCode(200).extract().jsonPath();
        assertThat(loops.getList("iterations.iteration")).containsExactly(1, 2);
        assertThat(loops.getString("iterations[0].toMonth")).isEqualTo("2025-09");
        assertThat(loops.getList("iterations[0].learnings.id")).containsExactly(reported);
        assertThat(loops.getList("iterations[1].learnings.id")).containsExactly(unreported);
    }

    @Test
    void givenMeetingsHeldBeforeV4_whenTheMigrationsBackfillRuns_thenEachReportedLearningGetsItsEarliestMeetingWeek()
            throws java.io.IOException {
        UUID team = UUID.randomUUID();
        String reported = learning(team, "Short talking points land");
        String unreported = learning(team, "Posters go unnoticed");
        record(team, "2025-W20", List.of(reported));
        record(team, "2025-W18", List.of(reported));
        // as the read model stood before V4: no learning has a reported week
        pool.preparedQuery("update learning_view set reported_week = null where team_id = $1").execute(Tuple.of(team))
                .await().atMost(Duration.ofSeconds(30));

        pool.query(backfill()).execute().await().atMost(Duration.ofSeconds(30));

        assertThat(reportedWeek(reported)).isEqualTo("2025-W18");
        assertThat(reportedWeek(unreported)).isNull();
    }

    /** The data statement of the V4 migration (the one after its {@code alter table}). */
    private static String backfill() throws java.io.IOException {
        try (var in = LearningAttributionTest.class.getResourceAsStream("/db/migration/V4__learning_reported_week.sql")) {
            String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return sql.substring(sql.indexOf("update learning_view"));
        }
    }

    private String reportedWeek(String learningId) {
        return pool.preparedQuery("select reported_week from learning_view where learning_id = $1")
                .execute(Tuple.of(UUID.fromString(learningId))).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getString("reported_week");
    }

    @Test
    void givenTeamKnownFromTheGoals_whenWigMeetingOpened_thenTheOpenedEventCarriesItsUnit() {
        UUID unit = UUID.randomUUID();
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        LoopFixtures.unitAndTeams(kafka, unit, known);
        await().atMost(PATIENCE).until(() -> count("select count(*) from team_directory where team_id = $1", known) == 1);

        String knownMeeting = open(known, "2026-W40");
        String unknownMeeting = open(unknown, "2026-W40");

        List<ConsumerRecord<String, String>> published = TopicReader.readUntil(kafka, "loop.learning", PATIENCE,
                read -> read.stream().filter(r -> isOpened(r, knownMeeting) || isOpened(r, unknownMeeting)).count() == 2);
        Map<?, ?> knownOpened = payload(published, knownMeeting);
        assertThat(knownOpened.get("unitId")).isEqualTo(unit.toString());
        assertThat(knownOpened.get("teamId")).isEqualTo(known.toString());
        assertThat(payload(published, unknownMeeting).get("unitId")).isNull();
    }

    private static String learning(UUID team, String insight) {
        return given().contentType(ContentType.JSON).body(Map.of("insight", insight))
                .post("/teams/" + team + "/learnings").then().statusCode(201).extract().path("id");
    }

    private static String open(UUID team, String week) {
        return given().contentType(ContentType.JSON).body(Map.of("week", week))
                .post("/teams/" + team + "/wig-meetings").then().statusCode(201).extract().path("id");
    }

    private static void record(UUID team, String week, List<String> learningIds) {
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("learningIds", learningIds))
                .post("/wig-meetings/" + open(team, week) + "/record").then().statusCode(200);
    }

    private static boolean isOpened(ConsumerRecord<String, String> record, String meeting) {
        return "learning.wig-meeting-opened.v1".equals(TopicReader.header(record, "ce_type"))
                && record.value().contains(meeting);
    }

    private static Map<?, ?> payload(List<ConsumerRecord<String, String>> published, String meeting) {
        String value = published.stream().filter(r -> isOpened(r, meeting)).findFirst().orElseThrow().value();
        try {
            return EventJson.MAPPER.readValue(value, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong(0);
    }
}
