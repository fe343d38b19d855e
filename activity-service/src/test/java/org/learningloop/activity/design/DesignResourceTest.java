package org.learningloop.activity.design;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.learningloop.activity.design.DesignFixtures.PROBLEM;
import static org.learningloop.activity.design.DesignFixtures.create;
import static org.learningloop.activity.design.DesignFixtures.created;
import static org.learningloop.activity.design.DesignFixtures.design;
import static org.learningloop.activity.design.DesignFixtures.events;
import static org.learningloop.activity.design.DesignFixtures.revise;
import static org.learningloop.activity.design.DesignFixtures.stored;

@QuarkusTest
class DesignResourceTest {

    private static final String LONGER_FRAMES = """
            {"durationMinutes": 90, "place": "The staff room at lunch",
             "participants": ["union representative", "two recruiters"], "materials": ["leaflets"]}""";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    // ---- create ----------------------------------------------------------------------------------------------

    @Test
    void givenValidDesign_whenCreated_then201WithLocationAndETag_andReadable_andEventOnLoopActivitiesKeyedByTeam() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        Response created = create(design(unit, team, "Lunch-room visit", "call-centre"));

        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", containsString("/designs/"))
                .body("unitId", equalTo(unit.toString()))
                .body("teamId", equalTo(team.toString()))
                .body("activityType", equalTo("workplace-visit"))
                .body("segments", equalTo(List.of("call-centre")))
                .body("status", equalTo("active"))
                .body("version", equalTo(1))
                .body("frames.durationMinutes", equalTo(45))
                .body("content.steps", equalTo(List.of("Introduce the union", "Ask about the workload")))
                .body("streamVersion", equalTo(1));
        String id = created.jsonPath().getString("id");
        given().get(created.header("Location")).then().statusCode(200).header("ETag", "\"1\"")
                .body("id", equalTo(id)).body("intention", equalTo("Everyone knows what the union does for them"));

        ConsumerRecord<String, String> record = published(team, "activity.design-created.v1");
        assertThat(record.key()).isEqualTo(team.toString());
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(team.toString());
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
        assertThat(TopicReader.header(record, "ce_source")).contains("activity-service");
        assertThat(TopicReader.header(record, "ce_time")).isNotBlank();
        assertThat(record.value()).contains(id).contains("\"hypothesis\"");
    }

    @Test
    void givenUnknownActivityTypeOrSegment_whenCreated_then422NamingTheField_andNothingStored() {
        long before = stored(pool);
        String valid = design(UUID.randomUUID(), UUID.randomUUID(), "Visit", "call-centre");
        create(valid.replace("\"workplace-visit\"", "\"moon-walk\"")).then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("unknown-activity-type")).body("errors.field", equalTo(List.of("activityType")));
        create(valid.replace("[\"call-centre\"]", "[\"call-centre\", \"moon-base\"]")).then().statusCode(422)
                .contentType(PROBLEM).body("code", equalTo("unknown-segment"))
                .body("errors.field", equalTo(List.of("segments[1]")));
        create(valid.replace("[\"call-centre\"]", "[\"call-centre\", \"call-centre\"]")).then().statusCode(422)
                .body("code", equalTo("duplicate-segments"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenMissingOrOutOfRangeFieldsOrWrongTypes_whenCreated_then400NamingEachField_andNothingStored() {
        long before = stored(pool);
        given().contentType(ContentType.JSON).body("{\"frames\": {}, \"content\": {}}").post("/designs")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"))
                .body("errors.field", hasItems("unitId", "teamId", "name", "activityType", "segments", "intention",
                        "hypothesis", "frames.durationMinutes", "frames.place", "frames.participants",
                        "frames.materials", "content.steps", "content.talkingPoints"));
        String valid = design(UUID.randomUUID(), UUID.randomUUID(), "Visit", "call-centre");
        expect400(valid.replace("\"durationMinutes\": 45", "\"durationMinutes\": 0"), "frames.durationMinutes");
        expect400(valid.replace("\"durationMinutes\": 45", "\"durationMinutes\": 1441"), "frames.durationMinutes");
        expect400(valid.replace("\"durationMinutes\": 45", "\"durationMinutes\": \"45\""), "frames.durationMinutes");
        expect400(valid.replace("\"durationMinutes\": 45", "\"durationMinutes\": 4.5"), "frames.durationMinutes");
        expect400(valid.replace("[\"call-centre\"]", "[]"), "segments");
        expect400(valid.replace("[\"call-centre\"]", "\"call-centre\""), "segments");
        expect400(valid.replace("[\"call-centre\"]", "[\"Call Centre\"]"), "segments[0]");
        expect400(valid.replace("\"steps\": [\"Introduce the union\", \"Ask about the workload\"]", "\"steps\": []"),
                "content.steps");
        expect400(valid.replace("\"workplace-visit\"", "\"Workplace Visit\""), "activityType");
        expect400(valid.replace("\"unitId\": \"", "\"unitId\": \"x"), "unitId");
        expect400(valid.replace("\"intention\": \"Everyone knows what the union does for them\"", "\"intention\": \" \""),
                "intention");
        expect400(valid.replace("\"name\"", "\"nmae\""), "nmae");
        given().contentType(ContentType.JSON).body("{\"unitId\": ").post("/designs").then().statusCode(400)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON).post("/designs").then().statusCode(400).contentType(PROBLEM);
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenIdempotencyKey_whenRetriedWithSameBody_thenSameAnswerAndOneEvent_andOtherBodyGets422() {
        String key = UUID.randomUUID().toString();
        String body = design(UUID.randomUUID(), UUID.randomUUID(), "Idempotent visit", "call-centre");
        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/designs");
        first.then().statusCode(201);
        long after = stored(pool);
        Response retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/designs");
        retry.then().statusCode(201).header("Location", first.header("Location")).header("ETag", "\"1\"");
        assertThat(retry.asString()).isEqualTo(first.asString());
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("Idempotent", "Other"))
                .post("/designs").then().statusCode(422).body("code", equalTo("idempotency-key-reused"));
        assertThat(stored(pool)).isEqualTo(after);
    }

    // ---- revise, versions, diff ------------------------------------------------------------------------------

    @Test
    void givenDesign_whenRevised_thenNewVersionWithOnlyTheChangedElements_oldVersionReadable_andDiffShowsIt() {
        UUID team = UUID.randomUUID();
        UUID id = created(UUID.randomUUID(), team, "Revised visit");

        revise(id, "\"1\"", """
                {"frames": %s, "intention": "Everyone knows what the union does for them",
                 "rationale": "Lunch is too short"}""".formatted(LONGER_FRAMES))
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("frames.durationMinutes", equalTo(90))
                .body("intention", equalTo("Everyone knows what the union does for them"));

        given().get("/designs/" + id + "/versions/1").then().statusCode(200)
                .body("version", equalTo(1)).body("frames.durationMinutes", equalTo(45))
                .body("changed", equalTo(List.of("intention", "frames", "content", "hypothesis")));
        given().get("/designs/" + id + "/versions/2").then().statusCode(200)
                .body("frames.durationMinutes", equalTo(90)).body("changed", equalTo(List.of("frames")))
                .body("rationale", equalTo("Lunch is too short")).body("agreementId", nullValue());
        given().get("/designs/" + id + "/versions").then().statusCode(200).body("version", equalTo(List.of(1, 2)))
                .body("frames.durationMinutes", equalTo(List.of(45, 90)));
        given().get("/designs/" + UUID.randomUUID() + "/versions").then().statusCode(404);
        given().get("/designs/" + id + "/versions/3").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("design-version-not-found"));
        given().get("/designs/" + id + "/versions/zero").then().statusCode(400).contentType(PROBLEM);

        given().queryParam("from", 1).queryParam("to", 2).get("/designs/" + id + "/diff").then().statusCode(200)
                .body("changes", hasSize(1)).body("changes[0].element", equalTo("frames"))
                .body("changes[0].before.durationMinutes", equalTo(45))
                .body("changes[0].after.durationMinutes", equalTo(90));
        given().queryParam("from", 2).queryParam("to", 2).get("/designs/" + id + "/diff").then().statusCode(200)
                .body("changes", hasSize(0));
        given().queryParam("from", 1).queryParam("to", 9).get("/designs/" + id + "/diff").then().statusCode(404);
        given().queryParam("from", "one").queryParam("to", 2).get("/designs/" + id + "/diff").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        given().queryParam("from", 1).get("/designs/" + id + "/diff").then().statusCode(400)
                .body("errors.field", hasItem("to"));

        ConsumerRecord<String, String> record = published(team, "activity.design-revised.v1");
        assertThat(record.key()).isEqualTo(team.toString());
        assertThat(record.value()).contains("\"version\": 2").doesNotContain("\"intention\"");
    }

    @Test
    void givenDesign_whenRevisedWithNothingChanged_thenNoNewVersion() {
        UUID id = created(UUID.randomUUID(), UUID.randomUUID(), "Unchanged visit");
        revise(id, "\"1\"", "{\"intention\": \"Everyone knows what the union does for them\", \"rationale\": \"Same\"}")
                .then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
        assertThat(events(pool, id)).isEqualTo(1);
    }

    @Test
    void givenDesign_whenRevisedWithStaleMissingOrBadIfMatchOrBadBody_then4xx_andNothingStored() {
        UUID id = created(UUID.randomUUID(), UUID.randomUUID(), "Guarded visit");
        long before = stored(pool);
        String change = "{\"hypothesis\": \"Another guess\", \"rationale\": \"Why not\"}";
        revise(id, "\"7\"", change).then().statusCode(412).contentType(PROBLEM).header("ETag", "\"1\"")
                .body("code", equalTo("stale-version"));
        given().contentType(ContentType.JSON).body(change).post("/designs/" + id + "/revise").then().statusCode(428)
                .contentType(PROBLEM);
        revise(id, "yesterday", change).then().statusCode(400).body("code", equalTo("invalid-if-match"));
        revise(id, "\"1\"", "{\"hypothesis\": \"Another guess\"}").then().statusCode(400)
                .body("errors.field", hasItem("rationale"));
        revise(id, "\"1\"", "{\"intention\": \"  \", \"rationale\": \"Why\"}").then().statusCode(400)
                .body("errors.field", hasItem("intention"));
        revise(id, "\"1\"", "{\"frames\": {\"durationMinutes\": 2000}, \"rationale\": \"Why\"}").then().statusCode(400)
                .body("errors.field", hasItems("frames.durationMinutes", "frames.place"));
        revise(UUID.randomUUID(), "\"1\"", change).then().statusCode(404).body("code", equalTo("design-not-found"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    /**
     * Provenance cannot be forged: before, a client revised a design naming an open meeting's agreement, and the
     * history showed a version "from" that agreement with the client's text. Agreements arrive only as agreement-made.
     */
    @Test
    void givenDesign_whenAClientNamesAnAgreement_then400_andTheHistoryIsUnchanged() {
        UUID id = created(UUID.randomUUID(), UUID.randomUUID(), "Agreed by hand");
        UUID agreement = UUID.randomUUID();
        String body = "{\"hypothesis\": \"The meeting's guess\", \"rationale\": \"Agreed at APT\", \"agreementId\": \"%s\"}"
                .formatted(agreement);
        revise(id, "\"1\"", body).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("agreementId"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"reason\": \"Agreed\", \"agreementId\": \"%s\"}".formatted(agreement))
                .post("/designs/" + id + "/retire").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("{\"segments\": [\"retail\"], \"agreementId\": \"%s\"}".formatted(agreement))
                .post("/designs/" + id + "/fork").then().statusCode(400).contentType(PROBLEM);
        assertThat(events(pool, id)).isEqualTo(1);
        given().get("/designs/" + id).then().statusCode(200).header("ETag", "\"1\"").body("agreementIds", hasSize(0));
    }

    @Test
    void givenTwoClientsWithTheSameETag_whenBothRevise_thenTheSecondGets412WithTheCurrentETag() {
        UUID id = created(UUID.randomUUID(), UUID.randomUUID(), "Contended visit");
        revise(id, "\"1\"", "{\"hypothesis\": \"First\", \"rationale\": \"One\"}").then().statusCode(200);
        revise(id, "\"1\"", "{\"hypothesis\": \"Second\", \"rationale\": \"Two\"}").then().statusCode(412)
                .header("ETag", "\"2\"");
        given().get("/designs/" + id).then().statusCode(200).body("hypothesis", equalTo("First"));
    }

    // ---- retire ----------------------------------------------------------------------------------------------

    @Test
    void givenDesign_whenRetired_thenRetired_andNoFurtherRevisionOrRetirement_andVersionsStayReadable() {
        UUID team = UUID.randomUUID();
        UUID id = created(UUID.randomUUID(), team, "Retired visit");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"Replaced by a fork\"}")
                .post("/designs/" + id + "/retire")
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("retired"))
                .body("version", equalTo(1)).body("retirement.reason", equalTo("Replaced by a fork"));
        long before = stored(pool);

        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"reason\": \"Again\"}")
                .post("/designs/" + id + "/retire").then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("design-retired"));
        revise(id, "\"2\"", "{\"hypothesis\": \"New\", \"rationale\": \"Why\"}").then().statusCode(409)
                .body("code", equalTo("design-retired"));
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{}")
                .post("/designs/" + id + "/retire").then().statusCode(400).body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/designs/" + id + "/retire").then().statusCode(428);
        assertThat(stored(pool)).isEqualTo(before);
        given().get("/designs/" + id + "/versions/1").then().statusCode(200);
        assertThat(published(team, "activity.design-retired.v1").key()).isEqualTo(team.toString());
    }

    // ---- fork ------------------------------------------------------------------------------------------------

    @Test
    void givenDesign_whenForkedForAnotherSegment_thenNewDesignAtVersionOne_forkedFromTheVersion() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID id = created(unit, team, "Forked visit");
        revise(id, "\"1\"", "{\"frames\": %s, \"rationale\": \"Longer\"}".formatted(LONGER_FRAMES)).then().statusCode(200);

        Response fork = given().contentType(ContentType.JSON)
                .body("{\"segments\": [\"small-6-30\"], \"version\": 1, \"rationale\": \"Small places differ\"}")
                .post("/designs/" + id + "/fork");
        fork.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/designs/"))
                .body("id", not(equalTo(id.toString()))).body("version", equalTo(1))
                .body("segments", equalTo(List.of("small-6-30"))).body("name", equalTo("Forked visit"))
                .body("forkedFrom.designId", equalTo(id.toString())).body("forkedFrom.version", equalTo(1))
                .body("frames.durationMinutes", equalTo(45)).body("teamId", equalTo(team.toString()));
        given().get(fork.header("Location")).then().statusCode(200).body("status", equalTo("active"));
        given().contentType(ContentType.JSON).body("{\"segments\": [\"public-sector\"], \"name\": \"Public visit\"}")
                .post("/designs/" + id + "/fork")
                .then().statusCode(201).body("forkedFrom.version", equalTo(2)).body("frames.durationMinutes", equalTo(90))
                .body("name", equalTo("Public visit"));
        assertThat(published(team, "activity.design-forked.v1").value()).contains("\"forkedFromDesignId\": \"" + id + "\"");
    }

    @Test
    void givenFork_whenBadInput_then4xx_andNothingStored() {
        UUID id = created(UUID.randomUUID(), UUID.randomUUID(), "Unforkable visit");
        long before = stored(pool);
        fork(id, "{\"segments\": [\"call-centre\"]}").then().statusCode(422).body("code", equalTo("fork-for-same-segments"));
        fork(id, "{\"segments\": [\"moon-base\"]}").then().statusCode(422).body("code", equalTo("unknown-segment"))
                .body("errors.field", equalTo(List.of("segments[0]")));
        fork(id, "{\"segments\": [\"small-6-30\"], \"version\": 4}").then().statusCode(422)
                .body("code", equalTo("unknown-design-version")).body("errors.field", equalTo(List.of("version")));
        fork(id, "{\"segments\": []}").then().statusCode(400).body("errors.field", hasItem("segments"));
        fork(id, "{\"segments\": [\"small-6-30\"], \"version\": 0}").then().statusCode(400)
                .body("errors.field", hasItem("version"));
        fork(id, "{\"segments\": [\"small-6-30\"], \"version\": \"1\"}").then().statusCode(400)
                .body("errors.field", hasItem("version"));
        fork(UUID.randomUUID(), "{\"segments\": [\"small-6-30\"]}").then().statusCode(404)
                .body("code", equalTo("design-not-found"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenIdempotencyKey_whenForkRetried_thenOneFork() {
        UUID id = created(UUID.randomUUID(), UUID.randomUUID(), "Idempotent fork");
        String key = UUID.randomUUID().toString();
        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"segments\": [\"large-industry\"]}").post("/designs/" + id + "/fork");
        first.then().statusCode(201);
        long after = stored(pool);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"segments\": [\"large-industry\"]}")
                .post("/designs/" + id + "/fork").then().statusCode(201).header("Location", first.header("Location"));
        assertThat(stored(pool)).isEqualTo(after);
    }

    // ---- list ------------------------------------------------------------------------------------------------

    @Test
    void givenDesignsOfAUnit_whenListedWithFilters_thenOnlyMatching_inCreationOrder_pagedByCursor() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID first = created(unit, team, "First");
        UUID second = UUID.fromString(create(design(unit, team, "Second", "public-sector")).then().statusCode(201)
                .extract().path("id"));
        String safetyRound = design(unit, team, "Third", "call-centre").replace("workplace-visit", "safety-round");
        UUID third = UUID.fromString(create(safetyRound).then().statusCode(201).extract().path("id"));
        created(UUID.randomUUID(), team, "Other unit");

        given().queryParam("unitId", unit).get("/designs").then().statusCode(200)
                .body("items.id", equalTo(List.of(first.toString(), second.toString(), third.toString())))
                .body("items[0].segments", equalTo(List.of("call-centre"))).body("items[0].status", equalTo("active"));
        given().queryParam("unitId", unit).queryParam("segment", "call-centre").get("/designs").then().statusCode(200)
                .body("items.id", equalTo(List.of(first.toString(), third.toString())));
        given().queryParam("unitId", unit).queryParam("activityType", "safety-round").get("/designs").then()
                .statusCode(200).body("items.id", equalTo(List.of(third.toString())));
        var page = given().queryParam("unitId", unit).queryParam("limit", 2).get("/designs").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().jsonPath();
        given().queryParam("unitId", unit).queryParam("limit", 2).queryParam("cursor", page.getString("nextCursor"))
                .get("/designs").then().statusCode(200).body("items.id", equalTo(List.of(third.toString())))
                .body("nextCursor", nullValue());

        revise(first, "\"1\"", "{\"hypothesis\": \"Better\", \"rationale\": \"Learned\"}").then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"Done\"}")
                .post("/designs/" + second + "/retire").then().statusCode(200);
        given().queryParam("unitId", unit).get("/designs").then().statusCode(200)
                .body("items[0].version", equalTo(2)).body("items[1].status", equalTo("retired"))
                .body("items[1].streamVersion", equalTo(2));

        given().queryParam("unitId", "nope").get("/designs").then().statusCode(400).body("errors.field", hasItem("unitId"));
        given().queryParam("segment", "Call Centre").get("/designs").then().statusCode(400)
                .body("errors.field", hasItem("segment"));
        given().queryParam("cursor", "xyz").get("/designs").then().statusCode(400).body("code", equalTo("invalid-cursor"));
        given().get("/designs/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("design-not-found"));
    }

    private static Response fork(UUID id, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/designs/" + id + "/fork");
    }

    private static void expect400(String body, String field) {
        create(body).then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem(field));
    }

    private ConsumerRecord<String, String> published(UUID team, String type) {
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka, "loop.activities",
                Duration.ofSeconds(60), read -> read.stream().anyMatch(r -> is(r, team, type)));
        return records.stream().filter(r -> is(r, team, type)).findFirst().orElseThrow();
    }

    private static boolean is(ConsumerRecord<String, String> record, UUID team, String type) {
        return team.toString().equals(record.key()) && type.equals(TopicReader.header(record, "ce_type"));
    }
}
