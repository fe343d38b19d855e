package org.learningloop.activity.design;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;

/** Builds designs through the public API, and counts what the database holds. */
final class DesignFixtures {

    static final String PROBLEM = "application/problem+json";

    private DesignFixtures() {
    }

    /** A valid creation body for {@code unit} and {@code team}. */
    static String design(UUID unit, UUID team, String name, String segment) {
        return """
                {"unitId": "%s", "teamId": "%s", "name": "%s", "activityType": "workplace-visit",
                 "leadMeasureId": "%s", "segments": ["%s"],
                 "intention": "Everyone knows what the union does for them",
                 "frames": {"durationMinutes": 45, "place": "The staff room at lunch",
                            "participants": ["union representative", "two recruiters"], "materials": ["leaflets"]},
                 "content": {"steps": ["Introduce the union", "Ask about the workload"], "talkingPoints": ["Insurance"]},
                 "hypothesis": "Meeting people where they eat lowers the threshold"}
                """.formatted(unit, team, name, UUID.randomUUID(), segment);
    }

    static Response create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/designs");
    }

    /** A new design of {@code team} for call centres, at version 1; its id. */
    static UUID created(UUID unit, UUID team, String name) {
        String id = create(design(unit, team, name, "call-centre")).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static Response revise(UUID design, String etag, String body) {
        return given().contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .post("/designs/" + design + "/revise");
    }

    /** Events, design rows and reference rows: everything a refused request must leave as it was. */
    static long stored(Pool pool) {
        return pool.query("""
                        select (select count(*) from event_store) + (select count(*) from design_view)
                             + (select count(*) from activity_type) + (select count(*) from segment)""")
                .execute().map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    static long events(Pool pool, UUID design) {
        return pool.preparedQuery("select count(*) from event_store where stream_id = $1")
                .execute(Tuple.of("design-" + design))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }
}
