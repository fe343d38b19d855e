package org.learningloop.activity.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.SignedIn;

import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Activity types and segments are data: seeded on first start, added by API, unique by key. */
@QuarkusTest
class CatalogResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @Test
    void givenFirstStart_thenTheSeedsAreThere() {
        given().queryParam("limit", 200).get("/activity-types").then().statusCode(200)
                .body("items.key", hasItems("workplace-visit", "development-dialogue", "safety-round", "cooperation-meeting"));
        given().queryParam("limit", 200).get("/segments").then().statusCode(200)
                .body("items.key", hasItems("call-centre", "small-6-30", "large-industry", "public-sector"));
        given().get("/segments/small-6-30").then().statusCode(200).body("criteria", containsString("6 to 30"));
        given().get("/activity-types/workplace-visit").then().statusCode(200).body("name", equalTo("Workplace visit"));
    }

    @Test
    void givenNewActivityType_whenAdded_then201AndListed_andTheSameKeyAgainGets409() {
        String key = "competence-dialogue-" + suffix();
        given().contentType(ContentType.JSON)
                .body("{\"key\": \"%s\", \"name\": \"Competence dialogue\", \"description\": \"About skills\"}".formatted(key))
                .post("/activity-types")
                .then().statusCode(201).header("Location", containsString("/activity-types/" + key))
                .body("key", equalTo(key)).body("name", equalTo("Competence dialogue"));
        given().get("/activity-types/" + key).then().statusCode(200).body("description", equalTo("About skills"));

        given().contentType(ContentType.JSON).body("{\"key\": \"%s\", \"name\": \"Other\"}".formatted(key))
                .post("/activity-types")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("activity-type-exists"));
        given().get("/activity-types/" + key).then().statusCode(200).body("name", equalTo("Competence dialogue"));
        given().contentType(ContentType.JSON).body("{\"key\": \"workplace-visit\", \"name\": \"Visit\"}")
                .post("/activity-types").then().statusCode(409);
    }

    /** An activity type declares the outcomes it records; an org admin adds more; each is declared once. */
    @Test
    void givenATypeWithOutcomes_whenAnotherIsDeclared_thenItIsListed_andTheSameAgainGets409() {
        String key = "member-call-" + suffix();
        given().contentType(ContentType.JSON).body("""
                {"key": "%s", "name": "Calls to members",
                 "outcomes": [{"name": "membersRecruited", "label": "Members recruited", "unit": "members"},
                              {"name": "callsAnswered", "label": "Calls answered", "unit": "calls"}]}""".formatted(key))
                .post("/activity-types").then().statusCode(201)
                .body("outcomes.name", contains("callsAnswered", "membersRecruited"))
                .body("outcomes[1].label", equalTo("Members recruited")).body("outcomes[1].unit", equalTo("members"));

        given().contentType(ContentType.JSON).body("{\"name\": \"meetingsBooked\", \"label\": \"Meetings booked\", "
                        + "\"unit\": \"meetings\"}")
                .post("/activity-types/" + key + "/outcomes").then().statusCode(201)
                .header("Location", equalTo("/activity-types/" + key))
                .body("outcomes.name", contains("callsAnswered", "meetingsBooked", "membersRecruited"));
        given().get("/activity-types/" + key).then().statusCode(200)
                .body("outcomes.name", contains("callsAnswered", "meetingsBooked", "membersRecruited"));
        given().contentType(ContentType.JSON).body("{\"name\": \"meetingsBooked\", \"label\": \"Again\", \"unit\": \"x\"}")
                .post("/activity-types/" + key + "/outcomes").then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("outcome-exists"));
        given().contentType(ContentType.JSON).body("{\"name\": \"meetingsBooked\", \"label\": \"M\", \"unit\": \"m\"}")
                .post("/activity-types/moon-walk/outcomes").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("activity-type-not-found"));
        given().get("/activity-types/workplace-visit").then().statusCode(200)
                .body("outcomes.name", hasItems("contactsMade", "membersRecruited"));
    }

    /** An outcome is retired, never removed (issue 14): it stays listed with its time, and its name keeps its meaning. */
    @Test
    void givenADeclaredOutcome_whenRetired_thenListedWithItsTime_onceOnly_andItsNameCannotBeDeclaredAgain() {
        String key = "member-call-" + suffix();
        given().contentType(ContentType.JSON).body("""
                {"key": "%s", "name": "Calls to members",
                 "outcomes": [{"name": "membersRecruited", "label": "Members recruited", "unit": "members"},
                              {"name": "callsAnswered", "label": "Calls answered", "unit": "calls"}]}""".formatted(key))
                .post("/activity-types").then().statusCode(201).body("outcomes.retiredAt", contains(nullValue(), nullValue()));

        String retiredAt = given().post("/activity-types/" + key + "/outcomes/callsAnswered/retire").then().statusCode(200)
                .body("key", equalTo(key)).body("outcomes.name", contains("callsAnswered", "membersRecruited"))
                .body("outcomes[0].retiredAt", notNullValue()).body("outcomes[1].retiredAt", nullValue())
                .extract().path("outcomes[0].retiredAt");
        given().post("/activity-types/" + key + "/outcomes/callsAnswered/retire").then().statusCode(200)
                .body("outcomes[0].retiredAt", equalTo(retiredAt));
        given().get("/activity-types/" + key).then().statusCode(200).body("outcomes[0].retiredAt", equalTo(retiredAt))
                .body("retiredAt", nullValue());
        given().contentType(ContentType.JSON).body("{\"name\": \"callsAnswered\", \"label\": \"Again\", \"unit\": \"calls\"}")
                .post("/activity-types/" + key + "/outcomes").then().statusCode(409).body("code", equalTo("outcome-exists"));

        given().post("/activity-types/" + key + "/outcomes/lettersSent/retire").then().statusCode(404)
                .contentType(PROBLEM).body("code", equalTo("outcome-not-found"));
        given().post("/activity-types/moon-walk/outcomes/callsAnswered/retire").then().statusCode(404)
                .contentType(PROBLEM).body("code", equalTo("activity-type-not-found"));
        SignedIn.asSomebody("analyst").post("/activity-types/" + key + "/outcomes/membersRecruited/retire")
                .then().statusCode(403).contentType(PROBLEM);
        given().get("/activity-types/" + key).then().body("outcomes[1].retiredAt", nullValue());
    }

    @Test
    void givenOutcomesThatAreNoCountNames_whenDeclared_then400NamingTheField_andNothingStored() {
        String key = "bad-outcomes-" + suffix();
        long before = rows();
        expect400("/activity-types", """
                {"key": "%s", "name": "Bad", "outcomes": [{"name": "Anna Svensson", "label": "A", "unit": "u"}]}"""
                .formatted(key), "outcomes[0].name");
        expect400("/activity-types", """
                {"key": "%s", "name": "Bad", "outcomes": [{"name": "visits", "label": "", "unit": "u"}]}"""
                .formatted(key), "outcomes[0].label");
        expect400("/activity-types", """
                {"key": "%s", "name": "Bad", "outcomes": [{"name": "visits", "label": "V", "unit": "v"},
                                                          {"name": "visits", "label": "W", "unit": "w"}]}"""
                .formatted(key), "outcomes");
        expect400("/activity-types/workplace-visit/outcomes", "{\"name\": \"9lives\", \"label\": \"L\", \"unit\": \"u\"}",
                "name");
        assertThat(rows()).isEqualTo(before);
        given().get("/activity-types/" + key).then().statusCode(404);
    }

    /** Reference data is the organisation admins': anybody else signed in gets 403, and nothing changes. */
    @Test
    void givenACallerWithoutTheOrgAdminRole_whenAddingOrRetiringReferenceData_then403_andNothingChanges() {
        String key = "shadow-" + suffix();
        for (String[] roles : new String[][] {{}, {"analyst"}, {"ops"}}) {
            for (String collection : new String[] {"/activity-types", "/segments"}) {
                SignedIn.asSomebody(roles).contentType(ContentType.JSON)
                        .body("{\"key\": \"%s\", \"name\": \"Shadow\"}".formatted(key)).post(collection)
                        .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("forbidden"));
                String seeded = collection.equals("/segments") ? "call-centre" : "workplace-visit";
                SignedIn.asSomebody(roles).post(collection + "/" + seeded + "/retire")
                        .then().statusCode(403).contentType(PROBLEM);
                SignedIn.asSomebody(roles).get(collection + "/" + key).then().statusCode(404);
            }
        }
        given().get("/activity-types/workplace-visit").then().statusCode(200).body("retiredAt", nullValue());
        given().get("/segments/call-centre").then().statusCode(200).body("retiredAt", nullValue());
    }

    @Test
    void givenNewSegment_whenAdded_then201AndListed_andTheSameKeyAgainGets409() {
        String key = "retail-" + suffix();
        given().contentType(ContentType.JSON)
                .body("{\"key\": \"%s\", \"name\": \"Retail\", \"criteria\": \"Shops\"}".formatted(key))
                .post("/segments")
                .then().statusCode(201).header("Location", containsString("/segments/" + key)).body("criteria", equalTo("Shops"));
        given().queryParam("limit", 200).get("/segments").then().statusCode(200).body("items.key", hasItem(key));
        given().contentType(ContentType.JSON).body("{\"key\": \"%s\", \"name\": \"Retail again\"}".formatted(key))
                .post("/segments")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("segment-exists"));
    }

    /**
     * Reference data cannot be polluted for good: keys follow the contract's pattern (before, JSON numbers and booleans
     * became keys such as "0" and "true"), and a type or segment can be retired.
     */
    @Test
    void givenATypeAndASegment_whenRetired_thenNewDesignsCannotUseThem_butTheyStayReadable() {
        String type = "mentoring-" + suffix();
        String segment = "warehouse-" + suffix();
        given().contentType(ContentType.JSON).body("{\"key\": \"%s\", \"name\": \"Mentoring\"}".formatted(type))
                .post("/activity-types").then().statusCode(201).body("retiredAt", nullValue());
        given().contentType(ContentType.JSON).body("{\"key\": \"%s\", \"name\": \"Warehouse\"}".formatted(segment))
                .post("/segments").then().statusCode(201);

        String retiredAt = given().post("/activity-types/" + type + "/retire").then().statusCode(200)
                .body("key", equalTo(type)).body("retiredAt", notNullValue()).extract().path("retiredAt");
        given().post("/activity-types/" + type + "/retire").then().statusCode(200).body("retiredAt", equalTo(retiredAt));
        given().post("/segments/" + segment + "/retire").then().statusCode(200).body("retiredAt", notNullValue());
        given().get("/activity-types/" + type).then().statusCode(200).body("retiredAt", equalTo(retiredAt));
        given().queryParam("limit", 200).get("/segments").then().statusCode(200).body("items.key", hasItem(segment));

        String design = """
                {"unitId": "%s", "teamId": "%s", "name": "Retired", "activityType": "%s", "segments": ["%s"],
                 "intention": "i", "frames": {"durationMinutes": 30, "place": "p", "participants": [], "materials": []},
                 "content": {"steps": ["s"], "talkingPoints": []}, "hypothesis": "h"}""";
        given().contentType(ContentType.JSON).body(design.formatted(UUID.randomUUID(), UUID.randomUUID(), type, "call-centre"))
                .post("/designs").then().statusCode(422).contentType(PROBLEM).body("code", equalTo("unknown-activity-type"));
        given().contentType(ContentType.JSON).body(design.formatted(UUID.randomUUID(), UUID.randomUUID(), "workplace-visit",
                        segment))
                .post("/designs").then().statusCode(422).contentType(PROBLEM).body("code", equalTo("unknown-segment"));

        given().post("/activity-types/moon-walk/retire").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("activity-type-not-found"));
        given().post("/segments/moon-base/retire").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void givenKeysThatAreNoKeys_whenAdded_then400() {
        long before = rows();
        expect400("/activity-types", "{\"key\": 0, \"name\": \"X\"}", "key");
        expect400("/activity-types", "{\"key\": true, \"name\": \"X\"}", "key");
        expect400("/activity-types", "{\"key\": \"0\", \"name\": \"X\"}", "key");
        expect400("/segments", "{\"key\": \"6-30\", \"name\": \"X\"}", "key");
        expect400("/segments", "{\"key\": \"-retail\", \"name\": \"X\"}", "key");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void givenBadInput_whenAdded_then400NamingTheField_andNothingStored() {
        long before = rows();
        expect400("/activity-types", "{\"key\": \"Workplace Visit\", \"name\": \"X\"}", "key");
        expect400("/activity-types", "{\"key\": \"double--hyphen\", \"name\": \"X\"}", "key");
        expect400("/activity-types", "{\"key\": \"fine-key\"}", "name");
        expect400("/activity-types", "{\"key\": \"fine-key\", \"name\": {\"en\": \"X\"}}", "name");
        expect400("/activity-types", "{\"key\": \"fine-key\", \"name\": \"X\", \"colour\": \"red\"}", "colour");
        expect400("/segments", "{\"name\": \"X\"}", "key");
        expect400("/segments", "{\"key\": \"ok\", \"name\": \"  \"}", "name");
        expect400("/segments", "{\"key\": \"ok\", \"name\": \"X\", \"criteria\": [\"a\"]}", "criteria");
        given().contentType(ContentType.JSON).post("/segments").then().statusCode(400).contentType(PROBLEM);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void givenManyTypes_whenPaged_thenEveryTypeOnce_inKeyOrder() {
        var first = given().queryParam("limit", 2).get("/activity-types").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().jsonPath();
        String second = given().queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/activity-types").then().statusCode(200).extract().jsonPath().getString("items[0].key");
        assertThat(second).isGreaterThan(first.getString("items[1].key"));
        given().queryParam("cursor", "not-a-cursor").get("/activity-types").then().statusCode(400)
                .body("code", equalTo("invalid-cursor"));
        given().queryParam("limit", 0).get("/segments").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().get("/segments/moon-base").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("segment-not-found"));
        given().get("/activity-types/moon-walk").then().statusCode(404).body("code", not(equalTo("")));
    }

    private static void expect400(String path, String body, String field) {
        given().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem(field));
    }

    private long rows() {
        return pool.query("select (select count(*) from activity_type) + (select count(*) from segment)"
                        + " + (select count(*) from activity_type_outcome)").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).replaceAll("[^a-z0-9]", "0");
    }
}
