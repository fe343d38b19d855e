package org.learningloop.goal.organisation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.SignedIn;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.learningloop.goal.organisation.OrganisationFixtures.PROBLEM;
import static org.learningloop.goal.organisation.OrganisationFixtures.post;
import static org.learningloop.goal.organisation.OrganisationFixtures.stored;
import static org.learningloop.goal.organisation.OrganisationFixtures.unitBody;

@QuarkusTest
class UnitResourceTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenValidUnit_whenPosted_then201WithLocationAndETag_readableAgain_andEventOnLoopGoalsKeyedByUnit() {
        UUID manager = UUID.randomUUID();
        Response created = post("/units", unitBody("  Region office North  ", manager));

        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/units/"))
                .body("name", equalTo("Region office North"))
                .body("managerId", equalTo(manager.toString()))
                .body("version", equalTo(1));
        String id = created.jsonPath().getString("id");
        given().get(created.header("Location")).then().statusCode(200).header("ETag", "\"1\"")
                .body("id", equalTo(id)).body("name", equalTo("Region office North"));

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka, "loop.goals", Duration.ofSeconds(60),
                read -> read.stream().anyMatch(r -> id.equals(r.key())));
        ConsumerRecord<String, String> record = records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("goal.unit-created.v1");
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(id);
        // who created it: the token's subject, a pseudonymous id, in the event's metadata and its CloudEvents header
        assertThat(TopicReader.header(record, "ce_actor")).isEqualTo(SignedIn.ADMIN);
        String actor = pool.preparedQuery("select metadata ->> 'actor' from event_store where stream_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UnitService.UNIT.streamId(UUID.fromString(id)))).await().indefinitely().iterator().next()
                .getString(0);
        assertThat(actor).isEqualTo(SignedIn.ADMIN);
        assertThat(record.value()).contains("\"managerId\": \"" + manager + "\"").contains("Region office North");
    }

    /** A client names any Host it likes: the Location of what it created is a path from the root, not that host. */
    @Test
    void givenAForgedHostHeader_whenCreating_thenLocationIsAPathFromTheRoot() {
        Response created = given().header("Host", "evil.example:666").header("X-Forwarded-Host", "evil.example")
                .contentType(ContentType.JSON).body(unitBody("Region office Hosted", UUID.randomUUID())).post("/units");
        created.then().statusCode(201);
        assertThat(created.header("Location")).isEqualTo("/units/" + created.jsonPath().getString("id"));
    }

    @Test
    void givenACallerWithoutTheOrgAdminRole_whenCreatingOrChangingAUnit_then403Problem_andNothingStored() {
        UUID unit = OrganisationFixtures.unit("Region office West");
        String before = stored(pool);
        for (String[] roles : new String[][] {{}, {"analyst"}, {"ops"}}) {
            SignedIn.asSomebody(roles).contentType(ContentType.JSON).body(unitBody("Shadow office", UUID.randomUUID()))
                    .post("/units")
                    .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("forbidden"));
            SignedIn.asSomebody(roles).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"managerId\": \"" + UUID.randomUUID() + "\"}").put("/units/" + unit + "/manager")
                    .then().statusCode(403).contentType(PROBLEM);
        }
        assertThat(stored(pool)).isEqualTo(before);
        // a unit itself (its name and manager id) is open to everybody signed in
        SignedIn.asSomebody().get("/units/" + unit).then().statusCode(200);
    }

    @Test
    void givenMissingBlankTooLongOrWrongTypedFields_whenPosted_then400NamingTheField_andNothingStored() {
        String before = stored(pool);
        given().contentType(ContentType.JSON).body("{}").post("/units")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("managerId"));
        post("/units", unitBody("   ", UUID.randomUUID()))
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        post("/units", unitBody("x".repeat(201), UUID.randomUUID()))
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        post("/units", "{\"name\": \"North\", \"managerId\": \"not-a-uuid\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("managerId"));
        post("/units", "{\"name\": \"North\", \"managerId\": 42}")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("managerId"));
        post("/units", "{\"name\": \"North\", ")
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).post("/units").then().statusCode(400).contentType(PROBLEM);
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenNameOf200CharactersAfterTrimming_whenPosted_thenAccepted() {
        post("/units", unitBody("  " + "x".repeat(200) + "  ", UUID.randomUUID()))
                .then().statusCode(201).body("name", equalTo("x".repeat(200)));
    }

    @Test
    void givenIdempotencyKey_whenRetriedWithSameBody_thenSameAnswerAndOneEvent_andOtherBodyGets422() {
        String key = UUID.randomUUID().toString();
        String body = unitBody("Idempotent office", UUID.randomUUID());
        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/units");
        first.then().statusCode(201);
        String after = stored(pool);

        Response retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/units");
        retry.then().statusCode(201).header("Location", first.header("Location")).header("ETag", "\"1\"");
        assertThat(retry.asString()).isEqualTo(first.asString());
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("Idempotent", "Other"))
                .post("/units")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("idempotency-key-reused"));
        assertThat(stored(pool)).isEqualTo(after);

        // the keyed unit is in the list like any other
        assertThat(allUnitIds()).contains(first.jsonPath().getString("id"));
    }

    @Test
    void givenUnit_whenManagerChangedWithCurrentETag_then200AndNewETag_andSameManagerAgainChangesNothing() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String location = post("/units", unitBody("Managed office", first)).header("Location");

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"managerId\": \"" + second + "\"}")
                .put(location + "/manager")
                .then().statusCode(200).header("ETag", "\"2\"").body("managerId", equalTo(second.toString()))
                .body("version", equalTo(2));
        String before = stored(pool);
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"managerId\": \"" + second + "\"}")
                .put(location + "/manager")
                .then().statusCode(200).header("ETag", "\"2\"");
        assertThat(stored(pool)).isEqualTo(before);
        given().get(location).then().statusCode(200).header("ETag", "\"2\"").body("managerId", equalTo(second.toString()));

        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(count("unit_view where unit_id = '" + id + "' and manager_id = '" + second + "' and version = 2"))
                .as("the list's row changed in the same transaction").isEqualTo(1);
    }

    @Test
    void givenStaleOrMissingOrMalformedIfMatch_whenManagerChanged_then412Or428Or400_andNothingStored() {
        String location = post("/units", unitBody("Contended office", UUID.randomUUID())).header("Location");
        String body = "{\"managerId\": \"" + UUID.randomUUID() + "\"}";
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put(location + "/manager")
                .then().statusCode(200);
        String before = stored(pool);

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"managerId\": \"" + UUID.randomUUID() + "\"}")
                .put(location + "/manager")
                .then().statusCode(412).contentType(PROBLEM).header("ETag", "\"2\"").body("code", equalTo("stale-version"));
        given().contentType(ContentType.JSON).body(body).put(location + "/manager")
                .then().statusCode(428).contentType(PROBLEM).body("code", equalTo("if-match-required"));
        given().contentType(ContentType.JSON).header("If-Match", "latest").body(body).put(location + "/manager")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("invalid-if-match"));
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{}").put(location + "/manager")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("managerId"));
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"managerId\": \"boss\"}")
                .put(location + "/manager")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("managerId"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenUnknownUnit_thenProblem404() {
        given().get("/units/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("unit-not-found"));
        given().get("/units/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        String before = stored(pool);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"managerId\": \"" + UUID.randomUUID() + "\"}")
                .put("/units/" + UUID.randomUUID() + "/manager")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("unit-not-found"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenUnits_whenListedPageByPage_thenEachOnceInTheOrderTheyWereSetUp() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(post("/units", unitBody("Listed office " + i, UUID.randomUUID())).then().statusCode(201)
                    .extract().path("id"));
        }
        List<String> all = allUnitIds();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);

        given().queryParam("limit", 1).get("/units").then().statusCode(200).body("nextCursor", notNullValue());
        given().queryParam("cursor", "garbage!").get("/units").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("invalid-cursor"));
        given().queryParam("limit", 0).get("/units").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "many").get("/units").then().statusCode(400).contentType(PROBLEM);
    }

    private List<String> allUnitIds() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/units");
            page.then().statusCode(200);
            ids.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private long count(String tableAndWhere) {
        return OrganisationFixtures.count(pool, tableAndWhere);
    }
}
