package org.learningloop.learning.apt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.learning.LoopFixtures;
import org.learningloop.testing.TopicReader;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The monthly workplace meeting (APT) over HTTP: opened once per unit and month, coaching notes and
 * agreements while open, closed with If-Match; closing publishes each agreement as
 * {@code learning.agreement-made.v1} on {@code loop.learning} (in its schema) and advances every team's
 * loop iteration; a closed meeting is immutable; bad input stores nothing.
 */
@QuarkusTest
class WorkplaceMeetingResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    static Response open(UUID unit, String month) {
        return given().contentType(ContentType.JSON).body(Map.of("month", month)).post("/units/" + unit + "/workplace-meetings");
    }

    static Response post(String meeting, String what, String etag, Object body) {
        var request = given().contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.post("/workplace-meetings/" + meeting + "/" + what);
    }

    private void teams(UUID unit, UUID... teams) {
        LoopFixtures.unitAndTeams(kafka, unit, teams);
        await().atMost(PATIENCE).until(() -> count("select count(*) from team_directory where unit_id = $1", unit)
                == teams.length);
    }

    @Test
    void givenUnitsTeams_whenAptOpenedAnnotatedAndClosed_thenAgreementsPublished_loopsAdvanced_andMeetingImmutable()
            throws Exception {
        UUID unit = UUID.randomUUID();
        UUID teamA = UUID.randomUUID();
        UUID teamB = UUID.randomUUID();
        UUID design = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        UUID replacement = UUID.randomUUID();
        UUID activity = UUID.randomUUID();
        UUID learning = UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        teams(unit, teamA, teamB);

        Response opened = open(unit, "2026-11");
        opened.then().statusCode(201).header("ETag", "\"1\"").body("status", equalTo("open"))
                .body("month", equalTo("2026-11")).body("unitId", equalTo(unit.toString()))
                .body("teamIds", containsInAnyOrder(teamA.toString(), teamB.toString()))
                .body("digest.activitiesCarriedOut", equalTo(0)).body("digest.weeks", hasSize(4));
        String id = opened.jsonPath().getString("id");
        assertThat(id).isEqualTo(WorkplaceMeetingService.meetingId(unit, "2026-11").toString());
        assertThat(opened.header("Location")).endsWith("/workplace-meetings/" + id);
        open(unit, "2026-11").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("workplace-meeting-exists"));

        post(id, "coaching-notes", "\"1\"", Map.of("note", "Ask what the member story changed", "teamId", teamA.toString(),
                "authorId", manager.toString()))
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("coachingNotes[0].note", equalTo("Ask what the member story changed"))
                .body("coachingNotes[0].teamId", equalTo(teamA.toString()))
                .body("coachingNotes[0].id", notNullValue());
        String revise = post(id, "agreements", "\"2\"", Map.of("kind", "revise-design", "designId", design.toString(),
                "teamId", teamA.toString(), "rationale", "The member story got the intention through",
                "learningIds", List.of(learning.toString()), "activityIds", List.of(activity.toString()),
                "content", Map.of("steps", List.of("Introduce", "Story from a member", "Invite to join"),
                        "talkingPoints", List.of("Wages"))))
                .then().statusCode(200).header("ETag", "\"3\"")
                .body("agreements[0].kind", equalTo("revise-design"))
                .body("agreements[0].content.steps", hasSize(3))
                .extract().path("agreements[0].id");
        String replace = post(id, "agreements", "\"3\"", Map.of("kind", "replace-lead-measure",
                "leadMeasureId", lead.toString(), "replacementLeadMeasureId", replacement.toString(),
                "rationale", "Visits are carried out well and the lag measure does not move"))
                .then().statusCode(200).header("ETag", "\"4\"").body("agreements", hasSize(2))
                .extract().path("agreements[1].id");

        post(id, "close", null, null).then().statusCode(428).contentType("application/problem+json");
        post(id, "close", "\"3\"", null).then().statusCode(412).contentType("application/problem+json");
        // 4 + closed + 2 agreements made + 2 teams × (iteration closed, iteration opened)
        post(id, "close", "\"4\"", null).then().statusCode(200).header("ETag", "\"11\"").body("status", equalTo("closed"));

        post(id, "coaching-notes", "\"11\"", Map.of("note", "Too late")).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("workplace-meeting-closed"));
        post(id, "agreements", "\"11\"", Map.of("kind", "keep-design", "designId", design.toString(), "rationale", "Late"))
                .then().statusCode(409).body("code", equalTo("workplace-meeting-closed"));
        post(id, "close", "\"11\"", null).then().statusCode(409).body("code", equalTo("workplace-meeting-closed"));
        given().get("/workplace-meetings/" + id).then().statusCode(200).header("ETag", "\"11\"")
                .body("status", equalTo("closed")).body("agreements", hasSize(2)).body("coachingNotes", hasSize(1));

        List<ConsumerRecord<String, String>> published = TopicReader.readUntil(kafka, "loop.learning", PATIENCE,
                read -> ofMeeting(read, id).size() == 11);
        List<ConsumerRecord<String, String>> mine = ofMeeting(published, id);
        Map<String, Integer> types = new HashMap<>();
        for (ConsumerRecord<String, String> record : mine) {
            types.merge(TopicReader.header(record, "ce_type"), 1, Integer::sum);
            assertFitsItsSchema(record);
        }
        assertThat(types).isEqualTo(Map.of("learning.workplace-meeting-opened.v1", 1,
                "learning.coaching-note-added.v1", 1, "learning.agreement-recorded.v1", 2,
                "learning.workplace-meeting-closed.v1", 1, "learning.agreement-made.v1", 2,
                "learning.loop-iteration-closed.v1", 2, "learning.loop-iteration-opened.v1", 2));
        JsonNode revised = payload(mine, "learning.agreement-made.v1", revise);
        ConsumerRecord<String, String> revisedRecord = record(mine, "learning.agreement-made.v1", revise);
        // one stream, one key: every event of the meeting's stream is keyed by its unit, a team's agreement too
        assertThat(mine).allSatisfy(record -> assertThat(record.key()).isEqualTo(unit.toString()));
        assertThat(revisedRecord.key()).isEqualTo(unit.toString());
        assertThat(revised.get("teamId").asText()).isEqualTo(teamA.toString());
        assertThat(revised.get("workplaceMeetingId").asText()).isEqualTo(id);
        assertThat(revised.get("unitId").asText()).isEqualTo(unit.toString());
        assertThat(revised.get("month").asText()).isEqualTo("2026-11");
        assertThat(revised.get("designId").asText()).isEqualTo(design.toString());
        assertThat(revised.get("learningIds").get(0).asText()).isEqualTo(learning.toString());
        assertThat(revised.get("activityIds").get(0).asText()).isEqualTo(activity.toString());
        assertThat(revised.get("content").get("steps").get(1).asText()).isEqualTo("Story from a member");
        ConsumerRecord<String, String> replaced = record(mine, "learning.agreement-made.v1", replace);
        assertThat(replaced.key()).isEqualTo(unit.toString());
        JsonNode replacedPayload = new ObjectMapper().readTree(replaced.value());
        assertThat(replacedPayload.get("leadMeasureId").asText()).isEqualTo(lead.toString());
        assertThat(replacedPayload.get("replacementLeadMeasureId").asText()).isEqualTo(replacement.toString());
        assertThat(replacedPayload.get("kind").asText()).isEqualTo("replace-lead-measure");
        assertThat(record(mine, "learning.loop-iteration-opened.v1", teamB.toString()).key()).isEqualTo(unit.toString());

        given().get("/teams/" + teamA + "/loops").then().statusCode(200).body("currentIteration", equalTo(2))
                .body("iterations", hasSize(2))
                .body("iterations[0].status", equalTo("closed")).body("iterations[0].fromMonth", nullValue())
                .body("iterations[0].toMonth", equalTo("2026-11")).body("iterations[0].closedBy", equalTo(id))
                .body("iterations[0].agreements.id", containsInAnyOrder(revise, replace))
                .body("iterations[1].status", equalTo("open")).body("iterations[1].fromMonth", equalTo("2026-12"))
                .body("iterations[1].toMonth", nullValue());
        given().get("/teams/" + teamB + "/loops").then().statusCode(200)
                .body("iterations[0].agreements.id", equalTo(List.of(replace)));

        // an earlier month cannot close a loop a later one closed; the next month closes iteration 2
        String october = open(unit, "2026-10").then().statusCode(201).extract().path("id");
        post(october, "close", "\"1\"", null).then().statusCode(409).body("code", equalTo("loop-closed-later"));
        String december = open(unit, "2026-12").then().statusCode(201).extract().path("id");
        post(december, "close", "\"1\"", null).then().statusCode(200).body("status", equalTo("closed"));
        given().get("/teams/" + teamA + "/loops").then().statusCode(200).body("currentIteration", equalTo(3))
                .body("iterations[1].fromMonth", equalTo("2026-12")).body("iterations[1].toMonth", equalTo("2026-12"))
                .body("iterations[1].agreements", hasSize(0)).body("iterations[2].fromMonth", equalTo("2027-01"));

        given().get("/units/" + unit + "/workplace-meetings").then().statusCode(200)
                .body("items.month", equalTo(List.of("2026-10", "2026-11", "2026-12")))
                .body("items.status", equalTo(List.of("open", "closed", "closed"))).body("nextCursor", nullValue());
        String cursor = given().get("/units/" + unit + "/workplace-meetings?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).extract().path("nextCursor");
        given().queryParam("cursor", cursor).get("/units/" + unit + "/workplace-meetings").then().statusCode(200)
                .body("items.month", equalTo(List.of("2026-12")));
    }

    @Test
    void givenBadInput_thenProblemAndNothingStored() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID otherUnitsTeam = UUID.randomUUID();
        teams(unit, team);
        teams(UUID.randomUUID(), otherUnitsTeam);
        UUID design = UUID.randomUUID();

        open(unit, "2026-13").then().statusCode(400).contentType("application/problem+json");
        open(unit, "11-2026").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of()).post("/units/" + unit + "/workplace-meetings")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"month\": 2026}").post("/units/" + unit + "/workplace-meetings")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("month", "2026-11")).post("/units/not-a-uuid/workplace-meetings")
                .then().statusCode(404);
        assertThat(count("select count(*) from workplace_meeting where unit_id = $1", unit)).isZero();
        assertThat(count("select count(*) from event_store where unit_id = $1", unit)).isZero();

        String unknown = UUID.randomUUID().toString();
        given().get("/workplace-meetings/" + unknown).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("workplace-meeting-not-found"));
        post(unknown, "coaching-notes", "\"1\"", Map.of("note", "x")).then().statusCode(404);
        post(unknown, "close", "\"1\"", null).then().statusCode(404).body("code", equalTo("workplace-meeting-not-found"));

        String id = open(unit, "2026-11").then().statusCode(201).extract().path("id");
        post(id, "coaching-notes", "\"1\"", Map.of("note", " ")).then().statusCode(400).contentType("application/problem+json");
        post(id, "coaching-notes", "\"1\"", Map.of("note", "x", "teamId", otherUnitsTeam.toString()))
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("team-not-in-unit"));
        post(id, "coaching-notes", "abc", Map.of("note", "x")).then().statusCode(400).contentType("application/problem+json");
        post(id, "coaching-notes", null, Map.of("note", "x")).then().statusCode(428).contentType("application/problem+json")
                .body("code", equalTo("if-match-required"));
        post(id, "agreements", null, Map.of("kind", "keep-design", "designId", design.toString(), "rationale", "r"))
                .then().statusCode(428).contentType("application/problem+json").body("code", equalTo("if-match-required"));
        post(id, "coaching-notes", "\"7\"", Map.of("note", "x")).then().statusCode(412).contentType("application/problem+json");
        post(id, "agreements", "\"1\"", Map.of("kind", "rewrite-design", "designId", design.toString(), "rationale", "r"))
                .then().statusCode(400).contentType("application/problem+json");
        post(id, "agreements", "\"1\"", Map.of("kind", "keep-design", "designId", design.toString()))
                .then().statusCode(400).contentType("application/problem+json");
        post(id, "agreements", "\"1\"", Map.of("kind", "keep-design", "designId", design.toString(), "rationale", "r",
                "learningIds", List.of("not-a-uuid"))).then().statusCode(400).contentType("application/problem+json");
        post(id, "agreements", "\"1\"", Map.of("kind", "keep-design", "designId", design.toString(), "rationale", "r",
                "activityIds", List.of("not-a-uuid"))).then().statusCode(400).contentType("application/problem+json");
        post(id, "agreements", "\"1\"", Map.of("kind", "revise-design", "designId", design.toString(), "rationale", "r"))
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("changed-element-required"));
        post(id, "agreements", "\"1\"", Map.of("kind", "fork-design", "designId", design.toString(), "rationale", "r"))
                .then().statusCode(422).body("code", equalTo("segment-required"));
        post(id, "agreements", "\"1\"", Map.of("kind", "retire-design", "rationale", "r"))
                .then().statusCode(422).body("code", equalTo("design-required"));
        post(id, "agreements", "\"1\"", Map.of("kind", "replace-lead-measure", "leadMeasureId", UUID.randomUUID().toString(),
                "rationale", "r")).then().statusCode(422).body("code", equalTo("replacement-required"));
        post(id, "agreements", "\"1\"", Map.of("kind", "keep-design", "designId", design.toString(), "rationale", "r",
                "leadMeasureId", UUID.randomUUID().toString())).then().statusCode(422).body("code", equalTo("field-not-for-kind"));
        post(id, "agreements", "\"1\"", Map.of("kind", "keep-design", "designId", design.toString(), "rationale", "r",
                "teamId", otherUnitsTeam.toString())).then().statusCode(422).body("code", equalTo("team-not-in-unit"));
        post(id, "close", "abc", null).then().statusCode(400).contentType("application/problem+json");

        given().get("/workplace-meetings/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("open")).body("coachingNotes", hasSize(0)).body("agreements", hasSize(0));
        assertThat(count("select count(*) from event_store where unit_id = $1", unit)).isEqualTo(1);
        assertThat(count("select count(*) from loop_iteration where unit_id = $1", unit)).isZero();

        given().get("/units/" + unit + "/workplace-meetings?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/units/" + unit + "/workplace-meetings?cursor=garbage").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static List<ConsumerRecord<String, String>> ofMeeting(List<ConsumerRecord<String, String>> records, String id) {
        return records.stream().filter(r -> ("workplace-meeting-" + id).equals(TopicReader.header(r, "ce_streamid")))
                .toList();
    }

    private static ConsumerRecord<String, String> record(List<ConsumerRecord<String, String>> records, String type,
                                                         String contained) {
        return records.stream().filter(r -> type.equals(TopicReader.header(r, "ce_type")) && r.value().contains(contained))
                .findFirst().orElseThrow();
    }

    private static JsonNode payload(List<ConsumerRecord<String, String>> records, String type, String contained)
            throws Exception {
        return new ObjectMapper().readTree(record(records, type, contained).value());
    }

    private void assertFitsItsSchema(ConsumerRecord<String, String> record) throws Exception {
        String type = TopicReader.header(record, "ce_type");
        ObjectMapper json = new ObjectMapper();
        JsonSchema schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/" + type + ".schema.json")) {
            assertThat(in).as("schema of %s", type).isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json.readTree(in));
        }
        assertThat(schema.validate(json.readTree(record.value()))).as("%s against its schema", type).isEmpty();
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong(0);
    }
}
