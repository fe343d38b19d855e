package org.learningloop.goal.wig;

import org.learningloop.goal.OrganisationFixtures;
import org.learningloop.testing.Metrics;

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
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class WigResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    static String wigBody(UUID teamId, String title) {
        return """
                {"title": "%s", "teamId": "%s",
                 "lagMeasure": {"metric": "net-new-members", "unit": "members/month", "from": 10, "to": 30,
                                "startDate": "2026-09-01", "deadline": "2027-06-30", "cadence": "month"}}
                """.formatted(title, teamId);
    }

    static Response define(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/wigs");
    }

    @Test
    void givenValidWig_whenPosted_then201WithLocationAndETag_andEventOnLoopGoalsKeyedByTeam() {
        UUID team = OrganisationFixtures.team().teamId();
        Response created = define(wigBody(team, "Grow from 10 to 30"));

        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", containsString("/wigs/"))
                .body("title", equalTo("Grow from 10 to 30"))
                .body("teamId", equalTo(team.toString()))
                .body("lagMeasure.cadence", equalTo("month"))
                .body("version", equalTo(1));
        String id = created.jsonPath().getString("id");
        given().get(created.header("Location")).then().statusCode(200).header("ETag", "\"1\"").body("id", equalTo(id));

        java.util.function.Predicate<ConsumerRecord<String, String>> wigDefinedForTeam = r -> team.toString().equals(r.key())
                && "goal.wig-defined.v1".equals(TopicReader.header(r, "ce_type"));
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(bootstrapServers, "loop.goals",
                Duration.ofSeconds(30), read -> read.stream().anyMatch(wigDefinedForTeam));
        ConsumerRecord<String, String> record = records.stream().filter(wigDefinedForTeam).findFirst().orElseThrow();
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/goal-service");
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(team.toString());
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
        assertThat(TopicReader.header(record, "ce_time")).isNotBlank();
        assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
        assertThat(record.value()).contains("\"wigId\": \"" + id + "\"");
    }

    @Test
    void givenInvalidBody_whenPosted_then400WithFieldErrors_andNothingStored() {
        long before = storedEvents();

        given().contentType(ContentType.JSON)
                .body("{\"title\": \"\", \"lagMeasure\": {\"metric\": \"m\", \"from\": 1}}")
                .post("/wigs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("lagMeasure.unit"))
                .body("errors.field", hasItem("lagMeasure.to"))
                .body("errors.field", hasItem("lagMeasure.deadline"));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void givenWrongTypesOrMalformedJson_whenPosted_then400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body(wigBody(UUID.randomUUID(), "x").replace("\"2027-06-30\"", "\"next summer\""))
                .post("/wigs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("lagMeasure.deadline"))
                .body("errors[0].message", containsString("date"));
        given().contentType(ContentType.JSON).body(wigBody(UUID.randomUUID(), "x").replace("\"month\"", "\"fortnight\""))
                .post("/wigs")
                .then().statusCode(400).body("errors[0].field", equalTo("lagMeasure.cadence"));
        given().contentType(ContentType.JSON).body("{\"title\": ").post("/wigs")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"));
        given().contentType(ContentType.JSON).body(wigBody(UUID.randomUUID(), "x").replace("\"title\"", "\"tittle\""))
                .post("/wigs")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("tittle"));
        given().contentType(ContentType.JSON).body(wigBody(UUID.randomUUID(), "x").replace("\"teamId\": \"", "\"teamId\": \"x"))
                .post("/wigs")
                .then().statusCode(400).body("errors[0].field", equalTo("teamId"));
        given().contentType(ContentType.JSON).body(wigBody(UUID.randomUUID(), "x").replaceFirst("\"teamId\": \"[^\"]*\"", "\"teamId\": \"\""))
                .post("/wigs")
                .then().statusCode(400).body("errors[0].field", equalTo("teamId"));
        given().contentType(ContentType.JSON).body(wigBody(UUID.randomUUID(), "x").replace("\"from\": 10", "\"from\": \"10\""))
                .post("/wigs")
                .then().statusCode(400).body("errors[0].field", equalTo("lagMeasure.from"));
        given().contentType(ContentType.JSON).post("/wigs")
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.TEXT).body("hello").post("/wigs")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void givenDeadlineBeforeStart_whenPosted_then422AndNothingStored() {
        long before = storedEvents();
        define(wigBody(UUID.randomUUID(), "x").replace("2027-06-30", "2026-01-01"))
                .then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("deadline-not-after-start"))
                .body("errors[0].field", equalTo("lagMeasure.deadline"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void givenUnknownParent_whenPosted_then422() {
        String body = wigBody(OrganisationFixtures.team().teamId(), "x")
                .replace("\"title\"", "\"parentWigId\": \"" + UUID.randomUUID() + "\", \"title\"");
        define(body).then().statusCode(422).body("code", equalTo("parent-wig-not-found"));
    }

    @Test
    void givenWig_whenReadingWithCurrentETag_thenRecorded_andStaleETagGets412_andMissingGets428() {
        Response created = define(wigBody(OrganisationFixtures.team().teamId(), "Readings"));
        String location = created.header("Location");

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"period\": \"2026-10\", \"value\": 12}")
                .post(location + "/lag-readings")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("currentValue", equalTo(12)).body("currentPeriod", equalTo("2026-10"));

        long before = storedEvents();
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"period\": \"2026-11\", \"value\": 14}")
                .post(location + "/lag-readings")
                .then().statusCode(412).contentType(PROBLEM).header("ETag", "\"2\"").body("code", equalTo("stale-version"));
        given().contentType(ContentType.JSON).body("{\"period\": \"2026-11\", \"value\": 14}")
                .post(location + "/lag-readings")
                .then().statusCode(428).contentType(PROBLEM).body("code", equalTo("if-match-required"));
        given().contentType(ContentType.JSON).header("If-Match", "yesterday").body("{\"period\": \"2026-11\", \"value\": 14}")
                .post(location + "/lag-readings")
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"period\": \"November\", \"value\": 14}")
                .post(location + "/lag-readings")
                .then().statusCode(422).body("errors[0].field", equalTo("period"));
        assertThat(storedEvents()).isEqualTo(before);

        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"period\": \"2026-10\", \"value\": 13}")
                .post(location + "/lag-readings")
                .then().statusCode(200).header("ETag", "\"3\"").body("readings", hasSize(1))
                .body("readings[0].value", equalTo(13));
    }

    /** One extreme number must not brick a WIG: before, 1e-1001 was stored and every later read answered 500. */
    @Test
    void givenAReadingWithMoreDigitsThanAValueHas_thenRefused_andTheWigStillReads() {
        Response created = define(wigBody(OrganisationFixtures.team().teamId(), "Extreme readings"));
        String location = created.header("Location");
        long before = storedEvents();

        for (String value : List.of("1e-1001", "1e-20000", "12.12345", "1E+14", "-0.000001")) {
            given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"period\": \"2026-10\", \"value\": " + value + "}")
                    .post(location + "/lag-readings")
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("value"));
        }
        assertThat(storedEvents()).isEqualTo(before);
        given().get(location).then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"period\": \"2026-10\", \"value\": 12.3456}")
                .post(location + "/lag-readings").then().statusCode(200);
        given().get(location).then().statusCode(200).body("readings[0].value", equalTo(12.3456f));
    }

    /**
     * The gate: the event a command would store must fit its published schema. Before, a deadline of
     * +999999999-12-31 was stored (and read back as +466210-05-14) and a start in 4714 BC became another date.
     */
    @Test
    void givenDatesOutsideTheContractsWindow_thenProblem400NamingTheField_andNothingStored() {
        UUID team = OrganisationFixtures.team().teamId();
        long before = storedEvents();
        define(wigBody(team, "Far off").replace("2027-06-30", "+999999999-12-31"))
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"))
                .body("errors.field", everyItem(equalTo("lagMeasure.deadline")));
        define(wigBody(team, "Long ago").replace("2026-09-01", "1999-12-31").replace("2027-06-30", "2000-06-30"))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", everyItem(equalTo("lagMeasure.startDate")));
        define(wigBody(team, "Next century").replace("2027-06-30", "2101-01-01"))
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("goal.wig-defined.v1"));
        assertThat(storedEvents()).isEqualTo(before);

        String location = define(wigBody(team, "Last day").replace("2027-06-30", "2100-12-31")).then().statusCode(201)
                .extract().header("Location");
        given().get(location).then().statusCode(200).body("lagMeasure.deadline", equalTo("2100-12-31"));
    }

    @Test
    void givenAKeyTwiceOrAControlCharacter_thenProblem400_andNothingStored() {
        String team = OrganisationFixtures.team().teamId().toString();
        long before = storedEvents();
        define(wigBody(UUID.fromString(team), "Twice").replace("\"title\"", "\"title\": \"First\", \"title\""))
                .then().statusCode(400).contentType(PROBLEM);
        define(wigBody(UUID.fromString(team), "Nul\\u0000here")).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title"));
        define(wigBody(UUID.fromString(team), "Forged\\n2026-12-02 INFO [Audit] ok")).then().statusCode(201);
        define(wigBody(UUID.fromString(team), "Bell\\u0007")).then().statusCode(400).contentType(PROBLEM);
        assertThat(storedEvents()).isEqualTo(before + 1);
        given().urlEncodingEnabled(false).get("/wigs/%00").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("control-character"));
        given().urlEncodingEnabled(false).get("/wigs/x%00%0a%5Bforged.Audit%5D").then().statusCode(400).contentType(PROBLEM);
        given().urlEncodingEnabled(false).get("/wigs?teamId=%0a").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("teamId"));
    }

    @Test
    void givenUnknownWig_thenProblem404() {
        given().get("/wigs/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("wig-not-found"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"period\": \"2026-10\", \"value\": 1}")
                .post("/wigs/" + UUID.randomUUID() + "/lag-readings")
                .then().statusCode(404).contentType(PROBLEM);
        given().get("/wigs/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        given().get("/nowhere").then().statusCode(404).contentType(PROBLEM);
        given().delete("/wigs").then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void givenIdempotencyKey_whenRetriedWithSameBody_thenSameAnswerAndOneEvent_andOtherBodyGets422() {
        String key = UUID.randomUUID().toString();
        String body = wigBody(OrganisationFixtures.team().teamId(), "Idempotent");
        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/wigs");
        first.then().statusCode(201);
        long after = storedEvents();

        Response retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/wigs");
        retry.then().statusCode(201).header("Location", first.header("Location")).header("ETag", first.header("ETag"));
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(storedEvents()).isEqualTo(after);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("Idempotent", "Other"))
                .post("/wigs")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("idempotency-key-reused"));
        assertThat(storedEvents()).isEqualTo(after);
    }

    @Test
    void givenWigs_whenListedByTeam_thenPagedWithCursorFromReadModel() {
        UUID team = OrganisationFixtures.team().teamId();
        for (int i = 0; i < 3; i++) {
            define(wigBody(team, "Listed " + i)).then().statusCode(201);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("teamId", team).get("/wigs").then().statusCode(200).body("items", hasSize(3)));

        Response page1 = given().queryParam("teamId", team).queryParam("limit", 2).get("/wigs");
        page1.then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue());
        given().queryParam("teamId", team).queryParam("limit", 2).queryParam("cursor", page1.jsonPath().getString("nextCursor"))
                .get("/wigs")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].title", equalTo("Listed 2"))
                .body("nextCursor", nullValue());

        given().queryParam("cursor", "garbage!").get("/wigs").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("invalid-cursor"));
        given().queryParam("limit", 0).get("/wigs").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("teamId", "nope").get("/wigs").then().statusCode(400).contentType(PROBLEM);
    }

    /** Commands are timed by type and outcome (issue 16): the runbook's latency and rejection panels read these. */
    @Test
    void commandsAreTimedByTypeAndOutcome_onTheManagementPort() {
        String location = define(wigBody(OrganisationFixtures.team().teamId(), "Metered")).header("Location");
        String ok = "command=\"RecordLagReading\",outcome=\"ok\"";
        String stale = "command=\"RecordLagReading\",outcome=\"stale-version\"";
        double okBefore = Metrics.value(management, "loop_commands_seconds_count", ok);
        double staleBefore = Metrics.value(management, "loop_commands_seconds_count", stale);

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"period\": \"2026-10\", \"value\": 12}")
                .post(location + "/lag-readings").then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"period\": \"2026-11\", \"value\": 14}")
                .post(location + "/lag-readings").then().statusCode(412);

        assertThat(Metrics.value(management, "loop_commands_seconds_count", ok)).isEqualTo(okBefore + 1);
        assertThat(Metrics.value(management, "loop_commands_seconds_count", stale)).isEqualTo(staleBefore + 1);
        assertThat(Metrics.value(management, "loop_commands_seconds_sum", ok)).isPositive();
    }

    @Test
    void operationsEndpointsAnswer() {
        io.restassured.RestAssured.given().get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"));
        io.restassured.RestAssured.given().get(management + "health/live").then().statusCode(200);
        io.restassured.RestAssured.given().get(management + "metrics").then().statusCode(200)
                .body(containsString("loop_outbox_published_total")).body(containsString("loop_outbox_pending"))
                .body(containsString("loop_outbox_oldest_age_seconds"));
        given().accept("application/json").get("/q/openapi").then().log().ifValidationFails().statusCode(200)
                .body("paths.'/wigs'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/wigs/{wigId}/lag-readings'.post.responses.'412'", notNullValue())
                .body("components.schemas.Problem", notNullValue());
    }

    @Test
    void givenWig_whenRevisedAchievedWithCurrentETag_thenHistoryShowsEveryStep_andClosedWigRefusesChanges() {
        String location = define(wigBody(OrganisationFixtures.team().teamId(), "Lifecycle")).header("Location");

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"to\": 40, \"deadline\": \"2027-12-31\", \"reason\": \"Ahead of plan\"}")
                .post(location + "/revise")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("lagMeasure.to", equalTo(40)).body("lagMeasure.deadline", equalTo("2027-12-31"))
                .body("title", equalTo("Lifecycle"));
        given().header("If-Match", "\"2\"").post(location + "/achieve")
                .then().statusCode(200).header("ETag", "\"3\"").body("status", equalTo("achieved"));

        long before = storedEvents();
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body("{\"reason\": \"late\"}")
                .post(location + "/abandon")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("wig-closed"));
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body("{\"period\": \"2026-11\", \"value\": 1}")
                .post(location + "/lag-readings")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("wig-closed"));
        assertThat(storedEvents()).isEqualTo(before);

        given().get(location + "/history").then().statusCode(200)
                .body("type", org.hamcrest.Matchers.contains("goal.wig-defined.v1", "goal.wig-revised.v1", "goal.wig-achieved.v1"))
                .body("[1].data.reason", equalTo("Ahead of plan"))
                .body("version", org.hamcrest.Matchers.contains(1, 2, 3));
    }

    @Test
    void givenBadRevisionsOrAbandonments_then4xxAndNothingStored() {
        String location = define(wigBody(OrganisationFixtures.team().teamId(), "Bad changes")).header("Location");
        long before = storedEvents();

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"nothing else\"}")
                .post(location + "/revise").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("anythingChanged"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"title\": \"\"}")
                .post(location + "/revise").then().statusCode(400).body("errors.field", hasItem("title"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"title\": \"   \"}")
                .post(location + "/revise").then().statusCode(400).body("errors.field", hasItem("title"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"to\": \"lots\"}")
                .post(location + "/revise").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"deadline\": \"2026-01-01\"}")
                .post(location + "/revise").then().statusCode(422).body("code", equalTo("deadline-not-after-start"));
        given().contentType(ContentType.JSON).header("If-Match", "\"9\"").body("{\"title\": \"New\"}")
                .post(location + "/revise").then().statusCode(412).header("ETag", "\"1\"");
        given().contentType(ContentType.JSON).body("{\"title\": \"New\"}")
                .post(location + "/revise").then().statusCode(428);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{}")
                .post(location + "/abandon").then().statusCode(400).body("errors.field", hasItem("reason"));
        given().header("If-Match", "\"2\"").post(location + "/achieve").then().statusCode(412);
        given().header("If-Match", "\"1\"").post("/wigs/" + UUID.randomUUID() + "/achieve").then().statusCode(404)
                .contentType(PROBLEM);
        given().get("/wigs/" + UUID.randomUUID() + "/history").then().statusCode(404).contentType(PROBLEM);

        assertThat(storedEvents()).isEqualTo(before);
    }

    private long storedEvents() {
        return pool.query("select count(*) from event_store").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }
}
