package org.learningloop.goal.leadmeasure;

import org.learningloop.goal.OrganisationFixtures;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;

/** Builds WIGs and lead measures through the public API, and counts what the event store holds. */
final class LeadMeasureFixtures {

    static final String PROBLEM = "application/problem+json";

    private LeadMeasureFixtures() {
    }

    /** A team WIG of a new team; its id. */
    static UUID teamWig() {
        OrganisationFixtures.Team team = OrganisationFixtures.team();
        return teamWig(team.teamId(), team.unitId());
    }

    /** A team WIG of {@code team} in {@code unit}; its id. */
    static UUID teamWig(UUID team, UUID unit) {
        String body = """
                {"title": "Grow from 10 to 30 net new members a month", "teamId": "%s", "unitId": "%s",
                 "lagMeasure": {"metric": "net-new-members", "unit": "members/month", "from": 10, "to": 30,
                                "startDate": "2026-09-01", "deadline": "2027-06-30", "cadence": "month"}}
                """.formatted(team, unit);
        String id = given().contentType(ContentType.JSON).body(body).post("/wigs").then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    static String proposal(UUID wigId, String name, boolean predictive, boolean influenceable) {
        return """
                {"wigId": "%s", "name": "%s", "activityType": "workplace-visit", "weeklyTarget": 5,
                 "hypothesis": "Five visits a week bring ten net new members a month",
                 "checklist": {
                   "predictive": {"met": %s, "justification": "More visits have meant more members before"},
                   "influenceable": {"met": %s, "justification": "The team books the visits itself"},
                   "measurable": {"met": true, "justification": "Counted per visit carried out"},
                   "teamOwned": {"met": true, "justification": "No one else needs to act"},
                   "ongoing": {"met": true, "justification": "Every week"}}}
                """.formatted(wigId, name, predictive, influenceable);
    }

    static Response propose(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/lead-measures");
    }

    /** A proposed lead measure of {@code wigId}; its id. */
    static UUID proposed(UUID wigId, String name, boolean predictive, boolean influenceable) {
        String id = propose(proposal(wigId, name, predictive, influenceable)).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** An active (predictive and influenceable) lead measure of {@code wigId}, at version 2; its id. */
    static UUID active(UUID wigId, String name) {
        UUID id = proposed(wigId, name, true, true);
        given().header("If-Match", "\"1\"").post("/lead-measures/" + id + "/activate").then().statusCode(200);
        return id;
    }

    static long storedEvents(Pool pool) {
        return pool.query("select count(*) from event_store").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    /** How many events of {@code type} (e.g. goal.lead-measure-retired) the lead measure's stream holds. */
    static long events(Pool pool, UUID leadMeasureId, String type) {
        return pool.preparedQuery("select count(*) from event_store where stream_id = $1 and event_type = $2")
                .execute(Tuple.of("lead-measure-" + leadMeasureId, type))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    static long events(Pool pool, UUID leadMeasureId) {
        return pool.preparedQuery("select count(*) from event_store where stream_id = $1")
                .execute(Tuple.of("lead-measure-" + leadMeasureId))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }
}
