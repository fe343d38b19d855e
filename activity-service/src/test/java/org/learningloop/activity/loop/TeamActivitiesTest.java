package org.learningloop.activity.loop;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learningloop.activity.loop.ActivityFixtures.Design;
import org.learningloop.platform.eventstore.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.learningloop.activity.loop.ActivityFixtures.CARRY_OUT;
import static org.learningloop.activity.loop.ActivityFixtures.EVALUATE;
import static org.learningloop.activity.loop.ActivityFixtures.PROBLEM;
import static org.learningloop.activity.loop.ActivityFixtures.plan;
import static org.learningloop.activity.loop.ActivityFixtures.planBody;
import static org.learningloop.activity.loop.ActivityFixtures.planned;
import static org.learningloop.activity.loop.ActivityFixtures.post;

@QuarkusTest
class TeamActivitiesTest {

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @BeforeEach
    void segmentsExist() {
    }

    @Test
    void givenTeamActivitiesInEveryStatus_whenListed_thenInScheduledOrder_filteredAndPagedByCursor() {
        Design design = ActivityFixtures.design(pool, store);
        Design other = new Design(ActivityFixtures.design(pool, store).designId(), design.teamId(), null);
        String planned = planned(design, "2026-11-02T09:00:00Z");
        String carried = planned(design, "2026-11-03T09:00:00Z");
        post(carried, "carry-out", "\"1\"", CARRY_OUT).then().statusCode(200);
        String evaluated = planned(design, "2026-11-04T09:00:00Z");
        post(evaluated, "carry-out", "\"1\"", CARRY_OUT).then().statusCode(200);
        post(evaluated, "evaluate", "\"2\"", EVALUATE).then().statusCode(200);
        String cancelled = planned(design, "2026-11-05T09:00:00Z");
        post(cancelled, "cancel", "\"1\"", "{\"reason\": \"Closed\"}").then().statusCode(200);
        String small = plan(planBody(other, "2026-11-06T09:00:00Z").replace("\"call-centre\"", "\"small-6-30\""))
                .then().statusCode(201).extract().path("id");
        planned(ActivityFixtures.design(pool, store), "2026-11-03T10:00:00Z"); // another team's

        String team = "/teams/" + design.teamId() + "/activities";
        given().get(team).then().statusCode(200)
                .body("items.id", equalTo(List.of(planned, carried, evaluated, cancelled, small)))
                .body("items.status", equalTo(List.of("planned", "carried-out", "evaluated", "cancelled", "planned")))
                .body("items[1].carriedOutAt", equalTo("2026-11-26T09:30:00Z"))
                .body("items[2].version", equalTo(3))
                .body("nextCursor", nullValue());
        given().queryParam("status", "evaluated").get(team).then().body("items.id", equalTo(List.of(evaluated)));
        given().queryParam("status", "carried-out").get(team).then().body("items.id", equalTo(List.of(carried)));
        given().queryParam("from", "2026-11-03T09:00:00Z").queryParam("to", "2026-11-05T09:00:00Z").get(team)
                .then().body("items.id", equalTo(List.of(carried, evaluated)));
        given().queryParam("designId", other.designId().toString()).get(team).then().body("items.id", equalTo(List.of(small)));
        given().queryParam("segment", "small-6-30").get(team).then().body("items.id", equalTo(List.of(small)));
        given().queryParam("segment", "call-centre").queryParam("status", "planned").get(team)
                .then().body("items.id", equalTo(List.of(planned)));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(team);
            page.then().statusCode(200).body("items", hasSize(org.hamcrest.Matchers.lessThanOrEqualTo(2)));
            paged.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactly(planned, carried, evaluated, cancelled, small);
    }

    @Test
    void givenBadFilters_whenListed_then400NamingTheParameter() {
        String team = "/teams/" + UUID.randomUUID() + "/activities";
        expect400(given().queryParam("status", "done").get(team), "status");
        expect400(given().queryParam("from", "yesterday").get(team), "from");
        expect400(given().queryParam("to", "2026-13-01").get(team), "to");
        expect400(given().queryParam("from", "2026-11-05T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z").get(team), "to");
        expect400(given().queryParam("designId", "x").get(team), "designId");
        expect400(given().queryParam("segment", "Call Centre").get(team), "segment");
        expect400(given().queryParam("limit", "0").get(team), "limit");
        expect400(given().queryParam("limit", "201").get(team), "limit");
        expect400(given().queryParam("cursor", "not-a-cursor").get(team), "cursor");
        expect400(given().get("/teams/not-a-uuid/activities"), "teamId");
        given().get(team).then().statusCode(200).body("items", hasSize(0));
    }

    static void expect400(Response response, String field) {
        response.then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
    }
}
