package org.learningloop.goal.wig;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.goal.OrganisationFixtures;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.testing.SignedIn.given;

/**
 * The WIG list is written in the WIG commands' own transaction (ADR 22): a client reads its write at once, and a row
 * behind its stream (the list emptied for a rebuild, events a consumer had not applied at the upgrade) is brought up
 * to it, each event once, by the next command on the WIG or by the catch-up at start.
 */
@QuarkusTest
class WigListTest {

    @Inject
    Pool pool;

    @Inject
    WigListCatchUp catchUp;

    @Test
    void aDefinedWigAndItsReadings_areInTheListAsSoonAsTheCommandsAnswer() {
        UUID team = OrganisationFixtures.team().teamId();
        String location = WigResourceTest.define(WigResourceTest.wigBody(team, "Listed at once")).then().statusCode(201)
                .extract().header("Location");
        UUID wig = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(listed(team, wig)).containsEntry("title", "Listed at once").containsEntry("readingsRecorded", 0);

        reading(location, "\"1\"", "2026-10", 12);
        reading(location, "\"2\"", "2026-11", 14);
        reading(location, "\"3\"", "2026-10", 13); // a correction: not a new reading

        assertThat(listed(team, wig)).containsEntry("currentPeriod", "2026-11").containsEntry("currentValue", 14)
                .containsEntry("readingsRecorded", 2);
        assertThat(appliedVersion(wig)).isEqualTo(4);
    }

    @Test
    void aRowBehindItsStream_isCaughtUpByTheNextCommand_andAtStart_eachEventOnce() {
        UUID team = OrganisationFixtures.team().teamId();
        String first = WigResourceTest.define(WigResourceTest.wigBody(team, "Emptied")).then().statusCode(201)
                .extract().header("Location");
        String second = WigResourceTest.define(WigResourceTest.wigBody(team, "Left behind")).then().statusCode(201)
                .extract().header("Location");
        UUID emptied = UUID.fromString(first.substring(first.lastIndexOf('/') + 1));
        UUID behind = UUID.fromString(second.substring(second.lastIndexOf('/') + 1));
        reading(first, "\"1\"", "2026-10", 12);
        reading(second, "\"1\"", "2026-10", 20);
        reading(second, "\"2\"", "2026-11", 21);
        // as if the list had been emptied for a rebuild, and another row had not seen its last reading
        execute("delete from wig_summary where wig_id = $1", emptied);
        execute("update wig_summary set version = 2, current_period = '2026-10', current_value = 20, "
                + "readings_recorded = 1 where wig_id = $1", behind);

        reading(first, "\"2\"", "2026-11", 15);
        assertThat(listed(team, emptied)).containsEntry("title", "Emptied").containsEntry("currentPeriod", "2026-11")
                .containsEntry("readingsRecorded", 2);

        catchUp.onStart(null);
        assertThat(listed(team, behind)).containsEntry("currentPeriod", "2026-11").containsEntry("currentValue", 21)
                .containsEntry("readingsRecorded", 2);
        catchUp.onStart(null); // nothing is behind any more: nothing changes
        assertThat(listed(team, behind)).containsEntry("readingsRecorded", 2);
        assertThat(listed(team, emptied)).containsEntry("readingsRecorded", 2);
    }

    private static void reading(String location, String ifMatch, String period, int value) {
        given().contentType(ContentType.JSON).header("If-Match", ifMatch)
                .body("{\"period\": \"" + period + "\", \"value\": " + value + "}")
                .post(location + "/lag-readings").then().statusCode(200);
    }

    /** The WIG's entry in the team's list (GET /wigs?teamId=…). */
    private static Map<String, Object> listed(UUID team, UUID wig) {
        JsonPath list = given().queryParam("teamId", team).get("/wigs").then().statusCode(200).extract().jsonPath();
        Map<String, Object> entry = list.getMap("items.find { it.id == '" + wig + "' }");
        assertThat(entry).as("WIG %s in the list", wig).isNotNull();
        return entry;
    }

    private long appliedVersion(UUID wig) {
        return pool.preparedQuery("select version from wig_summary where wig_id = $1").execute(Tuple.of(wig))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    private void execute(String sql, UUID wig) {
        pool.preparedQuery(sql).execute(Tuple.of(wig)).await().indefinitely();
    }
}
