package org.learningloop.goal.organisation;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;

/** Requests and row counts shared by the organisation's REST tests. */
final class OrganisationFixtures {

    static final String PROBLEM = "application/problem+json";

    private OrganisationFixtures() {
    }

    static String unitBody(String name, UUID managerId) {
        return """
                {"name": "%s", "managerId": "%s"}""".formatted(name, managerId);
    }

    static String teamBody(UUID unitId, String name) {
        return """
                {"unitId": "%s", "name": "%s"}""".formatted(unitId, name);
    }

    static String memberBody(UUID memberId, String displayName, String role) {
        return """
                {"memberId": "%s", "displayName": "%s", "role": "%s"}""".formatted(memberId, displayName, role);
    }

    static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    /** A new unit's id. */
    static UUID unit(String name) {
        String id = post("/units", unitBody(name, UUID.randomUUID())).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A new team's id, in a new unit. */
    static UUID team(String name) {
        return team(unit("Unit of " + name), name);
    }

    static UUID team(UUID unitId, String name) {
        String id = post("/teams", teamBody(unitId, name)).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Adds a member with the If-Match of {@code version}; answers the response. */
    static Response join(UUID teamId, long version, UUID memberId, String displayName, String role) {
        return given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(memberBody(memberId, displayName, role))
                .post("/teams/" + teamId + "/members");
    }

    static Response leave(UUID teamId, long version, UUID memberId) {
        return given().header("If-Match", "\"" + version + "\"").delete("/teams/" + teamId + "/members/" + memberId);
    }

    static Response changeRole(UUID teamId, long version, UUID memberId, String role) {
        return given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body("{\"role\": \"" + role + "\"}")
                .put("/teams/" + teamId + "/members/" + memberId);
    }

    /** {@code select count(*)} of {@code table} (optionally {@code where ...}). */
    static long count(Pool pool, String tableAndWhere) {
        return pool.query("select count(*) from " + tableAndWhere).execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    /** Rows of the event store and of every organisation table, to show that a refused request stored nothing. */
    static String stored(Pool pool) {
        return count(pool, "event_store") + "/" + count(pool, "unit_view") + "/" + count(pool, "team_view") + "/"
                + count(pool, "team_membership") + "/" + count(pool, "staff_member");
    }
}
