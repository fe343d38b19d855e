package org.learningloop.learning.meetings;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.learning.learnings.Candidates;
import org.learningloop.learning.LearningFixtures;
import org.learningloop.learning.LoopFixtures;
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
import static org.hamcrest.Matchers.nullValue;

/**
 * The weekly WIG meeting over HTTP: the agenda carries last week's commitments not yet accounted for and
 * the open learning candidates; one meeting per team and week; recorded once; bad input stores nothing.
 */
@QuarkusTest
class WigMeetingResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    static Response open(UUID team, String week) {
        return given().contentType(ContentType.JSON).body(Map.of("week", week)).post("/teams/" + team + "/wig-meetings");
    }

    static Response record(String meeting, String etag, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.post("/wig-meetings/" + meeting + "/record");
    }

    @Test
    void givenLastWeeksCommitments_whenNextMeetingOpened_thenAgendaShowsThoseNotAccountedFor_andCandidates() {
        UUID team = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        UUID activity = UUID.randomUUID();
        LearningFixtures.evaluated(kafka, team, UUID.randomUUID(), activity, UUID.randomUUID().toString());
        await().atMost(PATIENCE).until(() -> candidates(team) == 2);

        Response w47 = open(team, "2026-W47");
        w47.then().statusCode(201).header("ETag", "\"1\"").body("status", equalTo("open"))
                .body("commitmentsToAccountFor", hasSize(0)).body("learningCandidates", hasSize(2))
                .body("learningCandidates[0].id", equalTo(Candidates.candidateId(activity, 0).toString()));
        String w47Id = w47.jsonPath().getString("id");
        assertThat(w47.header("Location")).endsWith("/wig-meetings/" + w47Id);
        String learning = given().contentType(ContentType.JSON).body(Map.of("insight", "Quiet rooms help"))
                .post("/teams/" + team + "/learnings").then().statusCode(201).extract().path("id");

        record(w47Id, "\"1\"", Map.of("commitments", List.of(
                        Map.of("memberId", member.toString(), "what", "Book two lunch-room visits",
                                "leadMeasureId", lead.toString(), "dueWeek", "2026-W48"),
                        Map.of("memberId", member.toString(), "what", "Print leaflets", "dueWeek", "2026-W48")),
                "learningIds", List.of(learning)))
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("held"))
                .body("record.commitments", hasSize(2)).body("record.commitments[0].status", equalTo("open"))
                .body("record.learningIds", equalTo(List.of(learning)));

        Response w48 = open(team, "2026-W48");
        w48.then().statusCode(201)
                .body("commitmentsToAccountFor", hasSize(2))
                .body("commitmentsToAccountFor[0].what", equalTo("Book two lunch-room visits"))
                .body("commitmentsToAccountFor[0].leadMeasureId", equalTo(lead.toString()))
                .body("commitmentsToAccountFor[0].status", equalTo("open"));
        String w48Id = w48.jsonPath().getString("id");
        String visits = w48.jsonPath().getString("commitmentsToAccountFor[0].id");

        open(team, "2026-W48").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("wig-meeting-exists"));

        // only the visits are accounted for (not kept): the leaflets stay open for the next meeting
        record(w48Id, "\"1\"", Map.of("accountability", List.of(Map.of("commitmentId", visits, "kept", false,
                "note", "The workplace cancelled"))))
                .then().statusCode(200).body("record.accountability[0].kept", equalTo(false))
                .body("commitmentsToAccountFor[0].status", equalTo("not-kept"))
                .body("commitmentsToAccountFor[0].note", equalTo("The workplace cancelled"));
        record(w48Id, "\"2\"", Map.of()).then().statusCode(409).body("code", equalTo("wig-meeting-held"));

        open(team, "2026-W49").then().statusCode(201).body("commitmentsToAccountFor", hasSize(1))
                .body("commitmentsToAccountFor[0].what", equalTo("Print leaflets"))
                .body("commitmentsToAccountFor[0].note", nullValue());
        given().get("/wig-meetings/" + w48Id).then().statusCode(200).header("ETag", "\"2\"")
                .body("week", equalTo("2026-W48")).body("teamId", equalTo(team.toString()));

        List<ConsumerRecord<String, String>> published = TopicReader.readUntil(kafka, "loop.learning", PATIENCE,
                read -> read.stream().anyMatch(r -> isHeld(r, w48Id)));
        ConsumerRecord<String, String> held = published.stream().filter(r -> isHeld(r, w48Id)).findFirst().orElseThrow();
        assertThat(held.key()).isEqualTo(team.toString());
        // the note is published sealed (ADR 18): readable where a service answers, erasable with its key
        assertThat(held.value()).contains(visits).doesNotContain("The workplace cancelled").contains("sealed:v1:");
    }

    @Test
    void givenGoalsAndActivities_whenMeetingOpened_thenAgendaCarriesTheScoreboardOfTheMeetingsWeek() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID wig = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        LoopFixtures.unitAndTeams(kafka, unit, team);
        LoopFixtures.wig(kafka, team, unit, wig);
        LoopFixtures.lagReading(kafka, team, unit, wig, "2026-09", 12);
        LoopFixtures.lagReading(kafka, team, unit, wig, "2026-11", 18);
        LoopFixtures.activeLeadMeasure(kafka, team, unit, wig, lead, 2);
        LoopFixtures.leadReading(kafka, team, unit, lead, "2026-W39", 3);
        LoopFixtures.leadReading(kafka, team, unit, lead, "2026-W40", 1);
        LoopFixtures.carriedOut(kafka, team, unit, UUID.randomUUID(), lead, null, 0, null, "2026-09-30T10:00:00Z", "yes",
                Map.of("membersRecruited", 1), List.of());
        await().atMost(PATIENCE).until(() -> count("select count(*) from lead_reading where lead_measure_id = $1", lead) == 2
                && count("select count(*) from lag_reading where wig_id = $1", wig) == 2
                && count("select count(*) from lead_measure_view where lead_measure_id = $1 and status = 'active'", lead) == 1
                && count("select count(*) from activity_fact where lead_measure_id = $1", lead) == 1);

        // W40 is 28 Sep - 4 Oct 2026: the November reading is later than the meeting and does not count
        open(team, "2026-W40").then().statusCode(201)
                .body("scoreboard.wigs", hasSize(1))
                .body("scoreboard.wigs[0].wigId", equalTo(wig.toString()))
                .body("scoreboard.wigs[0].latestPeriod", equalTo("2026-09"))
                .body("scoreboard.wigs[0].latestValue", equalTo(12))
                .body("scoreboard.wigs[0].to", equalTo(30))
                .body("scoreboard.wigs[0].status", equalTo("losing"))
                .body("scoreboard.leadMeasures", hasSize(1))
                .body("scoreboard.leadMeasures[0].leadMeasureId", equalTo(lead.toString()))
                .body("scoreboard.leadMeasures[0].weeklyTarget", equalTo(2))
                .body("scoreboard.leadMeasures[0].week", equalTo("2026-W40"))
                .body("scoreboard.leadMeasures[0].actual", equalTo(2))
                .body("scoreboard.leadMeasures[0].lastWeek", equalTo("2026-W39"))
                .body("scoreboard.leadMeasures[0].lastWeekActual", equalTo(3))
                .body("scoreboard.leadMeasures[0].status", equalTo("winning"));
        open(team, "2026-W35").then().statusCode(201).body("scoreboard.wigs[0].latestPeriod", nullValue())
                .body("scoreboard.wigs[0].status", equalTo("no-data"))
                .body("scoreboard.leadMeasures[0].actual", equalTo(0))
                .body("scoreboard.leadMeasures[0].status", equalTo("losing"));
    }

    @Test
    void givenMeetingOpened_whenReadByTeamAndWeek_thenTheSameMeeting_and404ForAnotherWeek_and400ForNoSuchWeek() {
        UUID team = UUID.randomUUID();
        String meeting = open(team, "2026-W51").then().statusCode(201).extract().path("id");

        given().get("/teams/" + team + "/wig-meetings/2026-W51").then().statusCode(200).header("ETag", "\"1\"")
                .body("id", equalTo(meeting)).body("week", equalTo("2026-W51")).body("status", equalTo("open"));
        record(meeting, "\"1\"", Map.of()).then().statusCode(200);
        given().get("/teams/" + team + "/wig-meetings/2026-W51").then().statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("held"));

        given().get("/teams/" + team + "/wig-meetings/2026-W52").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("wig-meeting-not-found"));
        given().get("/teams/" + UUID.randomUUID() + "/wig-meetings/2026-W51").then().statusCode(404);
        given().get("/teams/" + team + "/wig-meetings/2025-W53").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/teams/" + team + "/wig-meetings/2026-51").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void givenOpenMeeting_whenBadInput_thenProblemAndNothingStored() {
        UUID team = UUID.randomUUID();
        open(team, "2026-48").then().statusCode(400).contentType("application/problem+json");
        open(team, "2026-W54").then().statusCode(400).contentType("application/problem+json");
        open(team, "2025-W53").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("week"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/teams/" + team + "/wig-meetings")
                .then().statusCode(400).contentType("application/problem+json");
        String meeting = open(team, "2026-W50").then().statusCode(201).extract().path("id");

        record(meeting, null, Map.of()).then().statusCode(428).contentType("application/problem+json");
        record(meeting, "\"7\"", Map.of()).then().statusCode(412).contentType("application/problem+json");
        record(meeting, "\"1\"", Map.of("accountability", List.of(Map.of("commitmentId", UUID.randomUUID().toString(),
                "kept", true)))).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("commitment-not-open"));
        record(meeting, "\"1\"", Map.of("accountability", List.of(Map.of("commitmentId", UUID.randomUUID().toString()))))
                .then().statusCode(400).contentType("application/problem+json");
        record(meeting, "\"1\"", Map.of("learningIds", List.of(UUID.randomUUID().toString())))
                .then().statusCode(422).body("code", equalTo("learning-not-found"));
        record(meeting, "\"1\"", Map.of("commitments", List.of(Map.of("memberId", UUID.randomUUID().toString(),
                "what", "x", "dueWeek", "2026-W49")))).then().statusCode(422).body("code", equalTo("due-week-before-meeting"));
        record(meeting, "\"1\"", Map.of("commitments", List.of(Map.of("memberId", UUID.randomUUID().toString(),
                "what", "", "dueWeek", "2026-W51")))).then().statusCode(400).contentType("application/problem+json");
        record(UUID.randomUUID().toString(), "\"1\"", Map.of()).then().statusCode(404)
                .body("code", equalTo("wig-meeting-not-found"));
        given().get("/wig-meetings/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");

        given().get("/wig-meetings/" + meeting).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("open"));
        assertThat(commitments(team)).isZero();
    }

    private static boolean isHeld(ConsumerRecord<String, String> record, String meeting) {
        return "learning.wig-meeting-held.v1".equals(TopicReader.header(record, "ce_type")) && record.value().contains(meeting);
    }

    private int candidates(UUID team) {
        return count("select count(*) from learning_candidate where team_id = $1", team);
    }

    private int commitments(UUID team) {
        return count("select count(*) from wig_commitment where team_id = $1", team);
    }

    private int count(String sql, UUID team) {
        return pool.preparedQuery(sql).execute(Tuple.of(team)).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getInteger(0);
    }
}
