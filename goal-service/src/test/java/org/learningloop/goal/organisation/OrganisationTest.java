package org.learningloop.goal.organisation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.goal.organisation.Organisation.TeamInfo;
import org.learningloop.goal.organisation.Organisation.UnitInfo;

import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.goal.organisation.OrganisationFixtures.post;
import static org.learningloop.goal.organisation.OrganisationFixtures.teamBody;
import static org.learningloop.goal.organisation.OrganisationFixtures.unitBody;

/** What other slices learn of the organisation: teams with their unit, units with their manager, straight from the streams. */
@QuarkusTest
class OrganisationTest {

    @Inject
    Organisation organisation;

    @Test
    void givenTeamInUnit_thenTeamTellsItsUnit_andUnitItsCurrentManager() {
        UUID manager = UUID.randomUUID();
        UUID unit = UUID.fromString(post("/units", unitBody("Region office South", manager)).then().statusCode(201)
                .extract().path("id"));
        UUID team = UUID.fromString(post("/teams", teamBody(unit, "Recruiters South")).then().statusCode(201)
                .extract().path("id"));

        assertThat(organisation.team(team).await().indefinitely())
                .contains(new TeamInfo(team, unit, "Recruiters South"));
        assertThat(organisation.unit(unit).await().indefinitely())
                .contains(new UnitInfo(unit, "Region office South", manager));

        UUID next = UUID.randomUUID();
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"managerId\": \"" + next + "\"}")
                .put("/units/" + unit + "/manager").then().statusCode(200);
        assertThat(organisation.unit(unit).await().indefinitely()).contains(new UnitInfo(unit, "Region office South", next));
    }

    @Test
    void givenNoSuchTeamOrUnit_thenEmpty() {
        assertThat(organisation.team(UUID.randomUUID()).await().indefinitely()).isEmpty();
        assertThat(organisation.unit(UUID.randomUUID()).await().indefinitely()).isEmpty();
    }

    @Test
    void givenUnitId_whenAskedForTeam_thenEmpty_becauseUnitsAreNotTeams() {
        UUID unit = UUID.fromString(post("/units", unitBody("Not a team", UUID.randomUUID())).then().statusCode(201)
                .extract().path("id"));
        assertThat(organisation.team(unit).await().indefinitely()).isEmpty();
    }
}
