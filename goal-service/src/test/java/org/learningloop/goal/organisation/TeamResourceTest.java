package org.learningloop.goal.organisation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.learningloop.goal.organisation.OrganisationFixtures.PROBLEM;
import static org.learningloop.goal.organisation.OrganisationFixtures.changeRole;
import static org.learningloop.goal.organisation.OrganisationFixtures.join;
import static org.learningloop.goal.organisation.OrganisationFixtures.leave;
import static org.learningloop.goal.organisation.OrganisationFixtures.memberBody;
import static org.learningloop.goal.organisation.OrganisationFixtures.post;
import static org.learningloop.goal.organisation.OrganisationFixtures.stored;
import static org.learningloop.goal.organisation.OrganisationFixtures.team;
import static org.learningloop.goal.organisation.OrganisationFixtures.teamBody;
import static org.learningloop.goal.organisation.OrganisationFixtures.unit;

@QuarkusTest
class TeamResourceTest {

    @Inject
    Pool pool;

    @Test
    void givenExistingUnit_whenTeamPosted_then201WithLocationETagAndNoMembers_andReadableAgain() {
        UUID unit = unit("Region office East");
        Response created = post("/teams", teamBody(unit, " Recruiters East "));

        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/teams/"))
                .body("name", equalTo("Recruiters East")).body("unitId", equalTo(unit.toString()))
                .body("members", empty()).body("version", equalTo(1));
        // where the write left its stream: what a report's after= takes to include it (ADR 23)
        created.then().header("Loop-Position", equalTo("team-" + created.jsonPath().getString("id") + "@1"));
        given().get(created.header("Location")).then().statusCode(200).header("ETag", "\"1\"")
                .body("id", equalTo(created.jsonPath().getString("id"))).body("members", empty());
    }

    @Test
    void givenUnknownUnit_whenTeamPosted_then422UnitNotFound_andNothingStored() {
        String before = stored(pool);
        post("/teams", teamBody(UUID.randomUUID(), "Orphans"))
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("unit-not-found"))
                .body("errors[0].field", equalTo("unitId"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(teamBody(UUID.randomUUID(), "Orphans")).post("/teams")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("unit-not-found"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenMissingBlankTooLongOrWrongTypedFields_whenTeamPosted_then400NamingTheField_andNothingStored() {
        UUID unit = unit("Region office Validation");
        String before = stored(pool);
        given().contentType(ContentType.JSON).body("{}").post("/teams")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("unitId")).body("errors.field", hasItem("name"));
        post("/teams", teamBody(unit, " \\t ")).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("name"));
        post("/teams", teamBody(unit, "y".repeat(201))).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("name"));
        post("/teams", "{\"unitId\": \"region-east\", \"name\": \"x\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("unitId"));
        post("/teams", "{\"unitId\": \"" + unit + "\", \"name\": \"x\", \"colour\": \"red\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("colour"));
        given().contentType(ContentType.TEXT).body("hello").post("/teams").then().statusCode(415).contentType(PROBLEM);
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenIdempotencyKey_whenTeamRetriedWithSameBody_thenSameAnswerAndOneEvent() {
        UUID unit = unit("Region office Retry");
        String key = UUID.randomUUID().toString();
        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(teamBody(unit, "Retried team")).post("/teams");
        first.then().statusCode(201);
        String after = stored(pool);
        Response retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(teamBody(unit, "Retried team")).post("/teams");
        retry.then().statusCode(201).header("Location", first.header("Location")).header("ETag", "\"1\"");
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(stored(pool)).isEqualTo(after);
        given().queryParam("unitId", unit).get("/teams").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(first.jsonPath().getString("id")));
    }

    @Test
    void givenTeam_whenMembersJoinChangeRoleAndLeave_thenEachAnswerIsTheTeamWithDisplayNamesAndNewETag() {
        UUID team = team("Recruiters West");
        UUID anna = UUID.randomUUID();
        UUID bo = UUID.randomUUID();

        join(team, 1, anna, "  Anna Andersson ", "team-lead")
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("members", hasSize(1))
                .body("members[0].memberId", equalTo(anna.toString()))
                .body("members[0].displayName", equalTo("Anna Andersson"))
                .body("members[0].role", equalTo("team-lead"));
        join(team, 2, bo, "Bo Berg", "member").then().statusCode(200).header("ETag", "\"3\"")
                .header("Loop-Position", equalTo("team-" + team + "@3"))
                .body("members.memberId", equalTo(List.of(anna.toString(), bo.toString())));

        changeRole(team, 3, bo, "team-lead").then().statusCode(200).header("ETag", "\"4\"")
                .body("members[1].role", equalTo("team-lead")).body("members[1].displayName", equalTo("Bo Berg"));
        String before = stored(pool);
        changeRole(team, 4, bo, "team-lead").then().statusCode(200).header("ETag", "\"4\"")
                .header("Loop-Position", org.hamcrest.Matchers.nullValue()); // nothing appended, no new position
        assertThat(stored(pool)).as("the same role again changes nothing").isEqualTo(before);

        leave(team, 4, anna).then().statusCode(200).header("ETag", "\"5\"")
                .body("members", hasSize(1)).body("members[0].memberId", equalTo(bo.toString()));
        given().get("/teams/" + team).then().statusCode(200).header("ETag", "\"5\"")
                .body("members", hasSize(1)).body("members[0].displayName", equalTo("Bo Berg"))
                .body("members[0].role", equalTo("team-lead"));
        given().queryParam("unitId", given().get("/teams/" + team).jsonPath().getString("unitId")).get("/teams")
                .then().statusCode(200).body("items[0].memberCount", equalTo(1)).body("items[0].version", equalTo(5));
    }

    @Test
    void givenMember_whenAddedAgain_then409AlreadyMember_andNothingStored() {
        UUID team = team("Doubles");
        UUID anna = UUID.randomUUID();
        join(team, 1, anna, "Anna", "member").then().statusCode(200);
        String before = stored(pool);
        join(team, 2, anna, "Anna Again", "team-lead").then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("already-member"));
        assertThat(stored(pool)).isEqualTo(before);
        given().get("/teams/" + team).then().body("members[0].displayName", equalTo("Anna"));
    }

    @Test
    void givenNonMember_whenRoleChangedOrRemoved_then409NotAMember_andNothingStored() {
        UUID team = team("Strangers");
        UUID anna = UUID.randomUUID();
        join(team, 1, anna, "Anna", "member").then().statusCode(200);
        leave(team, 2, anna).then().statusCode(200);
        String before = stored(pool);
        changeRole(team, 3, UUID.randomUUID(), "team-lead").then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("not-a-member"));
        changeRole(team, 3, anna, "team-lead").then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("not-a-member")).body("detail", containsString("has left"));
        leave(team, 3, anna).then().statusCode(409).contentType(PROBLEM).body("code", equalTo("not-a-member"));
        leave(team, 3, UUID.randomUUID()).then().statusCode(409).contentType(PROBLEM).body("code", equalTo("not-a-member"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenBadMemberRequests_then400NamingTheField_andNothingStored() {
        UUID team = team("Picky");
        String before = stored(pool);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{}").post("/teams/" + team + "/members")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("memberId")).body("errors.field", hasItem("displayName"))
                .body("errors.field", hasItem("role"));
        // the answer names the values a client may write (the JSON names, not the Java constants)
        join(team, 1, UUID.randomUUID(), "Anna", "boss").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("role"))
                .body("errors[0].message", equalTo("cannot read \"boss\" as one of [member, team-lead]"));
        join(team, 1, UUID.randomUUID(), "   ", "member").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("displayName"));
        join(team, 1, UUID.randomUUID(), "z".repeat(201), "member").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("displayName"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"memberId\": 7, \"displayName\": \"Anna\", \"role\": \"member\"}").post("/teams/" + team + "/members")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("memberId"));
        UUID anna = UUID.randomUUID();
        changeRole(team, 1, anna, "captain").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("role"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{}").put("/teams/" + team + "/members/" + anna)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("role"));
        given().header("If-Match", "\"1\"").delete("/teams/" + team + "/members/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenStaleMissingOrMalformedIfMatch_whenMembershipChanged_then412Or428Or400_andNothingStored() {
        UUID team = team("Contended");
        UUID anna = UUID.randomUUID();
        join(team, 1, anna, "Anna", "member").then().statusCode(200);
        String before = stored(pool);

        join(team, 1, UUID.randomUUID(), "Bo", "member").then().statusCode(412).contentType(PROBLEM)
                .header("ETag", "\"2\"").body("code", equalTo("stale-version"));
        changeRole(team, 1, anna, "team-lead").then().statusCode(412).contentType(PROBLEM).header("ETag", "\"2\"");
        leave(team, 1, anna).then().statusCode(412).contentType(PROBLEM).header("ETag", "\"2\"");

        given().contentType(ContentType.JSON).body(memberBody(UUID.randomUUID(), "Bo", "member"))
                .post("/teams/" + team + "/members")
                .then().statusCode(428).contentType(PROBLEM).body("code", equalTo("if-match-required"));
        given().contentType(ContentType.JSON).body("{\"role\": \"team-lead\"}").put("/teams/" + team + "/members/" + anna)
                .then().statusCode(428).contentType(PROBLEM);
        given().delete("/teams/" + team + "/members/" + anna).then().statusCode(428).contentType(PROBLEM);
        given().header("If-Match", "*").delete("/teams/" + team + "/members/" + anna)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("invalid-if-match"));
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenUnknownTeam_thenProblem404_andNothingStored() {
        UUID nowhere = UUID.randomUUID();
        String before = stored(pool);
        given().get("/teams/" + nowhere).then().statusCode(404).contentType(PROBLEM).body("code", equalTo("team-not-found"));
        given().get("/teams/" + nowhere + "/members").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("team-not-found"));
        join(nowhere, 1, UUID.randomUUID(), "Anna", "member").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("team-not-found"));
        changeRole(nowhere, 1, UUID.randomUUID(), "member").then().statusCode(404).contentType(PROBLEM);
        leave(nowhere, 1, UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().get("/teams/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        assertThat(stored(pool)).isEqualTo(before);
    }

    @Test
    void givenJoinLeaveAndJoinAgain_whenMembersListedWithIncludePast_thenEveryStayWithItsTimes() {
        UUID team = team("Returners");
        UUID anna = UUID.randomUUID();
        UUID bo = UUID.randomUUID();
        join(team, 1, anna, "Anna", "member").then().statusCode(200);
        join(team, 2, bo, "Bo", "member").then().statusCode(200);
        leave(team, 3, anna).then().statusCode(200);
        join(team, 4, anna, "Anna Andersson", "team-lead").then().statusCode(200);

        Response all = given().queryParam("includePast", "true").get("/teams/" + team + "/members");
        all.then().statusCode(200).body("teamId", equalTo(team.toString())).body("items", hasSize(3))
                .body("items.memberId", equalTo(List.of(anna.toString(), bo.toString(), anna.toString())))
                .body("items[0].role", equalTo("member")).body("items[0].leftAt", notNullValue())
                .body("items[1].leftAt", nullValue())
                .body("items[2].role", equalTo("team-lead")).body("items[2].leftAt", nullValue())
                .body("items.displayName", equalTo(List.of("Anna Andersson", "Bo", "Anna Andersson")));
        assertThat(all.jsonPath().getString("items[0].leftAt"))
                .isGreaterThanOrEqualTo(all.jsonPath().getString("items[0].joinedAt"))
                .isLessThanOrEqualTo(all.jsonPath().getString("items[2].joinedAt"));

        given().get("/teams/" + team + "/members").then().statusCode(200).body("items", hasSize(2))
                .body("items.memberId", equalTo(List.of(bo.toString(), anna.toString())));
        given().queryParam("includePast", "false").get("/teams/" + team + "/members").then().statusCode(200)
                .body("items", hasSize(2));
        given().queryParam("includePast", "perhaps").get("/teams/" + team + "/members").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("includePast"));
    }

    @Test
    void givenTeamsInTwoUnits_whenListedByUnit_thenOnlyThatUnitsPagedWithCursor() {
        UUID north = unit("Region office Paging");
        UUID south = unit("Region office Elsewhere");
        for (int i = 0; i < 3; i++) {
            post("/teams", teamBody(north, "Paged " + i)).then().statusCode(201);
        }
        post("/teams", teamBody(south, "Elsewhere")).then().statusCode(201);

        Response page1 = given().queryParam("unitId", north).queryParam("limit", 2).get("/teams");
        page1.then().statusCode(200).body("items", hasSize(2)).body("items[0].name", equalTo("Paged 0"))
                .body("items[1].name", equalTo("Paged 1")).body("nextCursor", notNullValue());
        given().queryParam("unitId", north).queryParam("limit", 2)
                .queryParam("cursor", page1.jsonPath().getString("nextCursor")).get("/teams")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].name", equalTo("Paged 2"))
                .body("items[0].unitId", equalTo(north.toString())).body("items[0].memberCount", equalTo(0))
                .body("nextCursor", nullValue());
        given().queryParam("unitId", UUID.randomUUID()).get("/teams").then().statusCode(200).body("items", empty());

        given().queryParam("unitId", "north").get("/teams").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("unitId"));
        given().queryParam("cursor", "%%%").get("/teams").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("invalid-cursor"));
        given().queryParam("limit", 201).get("/teams").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void givenTeamViewRowsLost_whenTheTeamChangesNext_thenItsViewsAreCaughtUpFromItsStream() {
        UUID team = team("Rebuilt");
        UUID anna = UUID.randomUUID();
        UUID bo = UUID.randomUUID();
        join(team, 1, anna, "Anna", "member").then().statusCode(200);
        leave(team, 2, anna).then().statusCode(200);
        pool.query("delete from team_membership where team_id = '" + team + "'").execute().await().indefinitely();
        pool.query("delete from team_view where team_id = '" + team + "'").execute().await().indefinitely();

        join(team, 3, bo, "Bo", "team-lead").then().statusCode(200);

        given().queryParam("includePast", "true").get("/teams/" + team + "/members").then().statusCode(200)
                .body("items.memberId", equalTo(List.of(anna.toString(), bo.toString())))
                .body("items[0].leftAt", notNullValue()).body("items[1].role", equalTo("team-lead"));
        assertThat(OrganisationFixtures.count(pool,
                "team_view where team_id = '" + team + "' and version = 4 and member_count = 1 and name = 'Rebuilt'"))
                .isEqualTo(1);
    }

    @Test
    void openApiDocumentsEveryOrganisationEndpoint() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/units'.post.responses.'201'", notNullValue())
                .body("paths.'/units'.get.responses.'200'", notNullValue())
                .body("paths.'/units/{unitId}'.get.responses.'200'", notNullValue())
                .body("paths.'/units/{unitId}/manager'.put.responses.'412'", notNullValue())
                .body("paths.'/teams'.post.responses.'422'", notNullValue())
                .body("paths.'/teams'.get.responses.'200'", notNullValue())
                .body("paths.'/teams/{teamId}'.get.responses.'200'", notNullValue())
                .body("paths.'/teams/{teamId}/members'.post.responses.'428'", notNullValue())
                .body("paths.'/teams/{teamId}/members'.get.responses.'200'", notNullValue())
                .body("paths.'/teams/{teamId}/members/{memberId}'.put.responses.'409'", notNullValue())
                .body("paths.'/teams/{teamId}/members/{memberId}'.delete.responses.'412'", notNullValue())
                .body("components.schemas.Team.properties.members", notNullValue())
                .body("components.schemas.Unit.properties.managerId", notNullValue())
                .body("components.schemas.Memberships.properties.items", notNullValue())
                .body("components.schemas.AddMemberRequest.properties.role", notNullValue());
    }
}
