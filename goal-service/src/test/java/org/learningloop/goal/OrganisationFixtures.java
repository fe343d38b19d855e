package org.learningloop.goal;

import io.restassured.http.ContentType;

import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;

/** Units and teams made through the public API, for tests that need a real organisation. */
public final class OrganisationFixtures {

    /** A team and the unit it belongs to. */
    public record Team(UUID teamId, UUID unitId) {
    }

    private OrganisationFixtures() {
    }

    /** A new unit; its id. */
    public static UUID unit() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\": \"Region office " + UUID.randomUUID().toString().substring(0, 8) + "\", \"managerId\": \""
                        + UUID.randomUUID() + "\"}")
                .post("/units").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A new team in a new unit. */
    public static Team team() {
        return team(unit());
    }

    /** A new team in {@code unit}. */
    public static Team team(UUID unit) {
        String id = given().contentType(ContentType.JSON)
                .body("{\"unitId\": \"" + unit + "\", \"name\": \"Team " + UUID.randomUUID().toString().substring(0, 8) + "\"}")
                .post("/teams").then().statusCode(201).extract().path("id");
        return new Team(UUID.fromString(id), unit);
    }
}
