package org.learningloop.activity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.AccessMatrix;
import org.learningloop.testing.AccessMatrix.Case;
import org.learningloop.testing.AccessMatrix.Caller;
import org.learningloop.testing.OpenApiFuzzer;
import org.learningloop.testing.OrganisationOnTopic;
import org.learningloop.testing.SignedIn;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.learningloop.testing.AccessMatrix.ORG_ADMINS;
import static org.learningloop.testing.AccessMatrix.SIGNED_IN;
import static org.learningloop.testing.AccessMatrix.TEAM_MEMBERS;
import static org.learningloop.testing.AccessMatrix.UNIT_MANAGERS;
import static org.learningloop.testing.AccessMatrix.UNIT_MEMBERS;
import static org.learningloop.testing.SignedIn.given;

/**
 * Who may do what in activity-service (ADR 15, the table in the README): every operation of its OpenAPI document as
 * eleven kinds of caller. Team and unit roles come from the organisation's events on {@code loop.goals}, which the
 * service keeps a replica of; here they are published as goal-service would.
 */
@QuarkusTest
class AccessRulesTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyOperationAnswersItsCallersAsTheRulesSay_andAnOperationWithoutARuleFails() {
        Map<Caller, String> subjects = AccessMatrix.newSubjects();
        OrganisationOnTopic.Scope scope = OrganisationOnTopic.forMatrix(kafka, subjects, "/teams/{teamId}/activities");
        UUID unit = scope.unitId();
        UUID team = scope.teamId();
        String type = "access-visit-" + UUID.randomUUID().toString().substring(0, 8);
        String segment = "access-segment-" + UUID.randomUUID().toString().substring(0, 8);
        created("/activity-types", """
                {"key": "%s", "name": "Access visit",
                 "outcomes": [{"name": "membersRecruited", "label": "Members recruited", "unit": "members"}]}"""
                .formatted(type), "key");
        created("/segments", "{\"key\": \"%s\", \"name\": \"Access segment\"}".formatted(segment), "key");
        String design = created("/designs", design(unit, team), "id");
        String activity = created("/activities", plan(team, design), "id");
        String member = subjects.get(Caller.MEMBER);

        List<Case> cases = List.of(
                new Case("GET /schemas", "/schemas", null, SIGNED_IN),
                new Case("GET /schemas/{type}", "/schemas/goal.wig-defined.v1", null, SIGNED_IN),
                new Case("POST /activity-types", "/activity-types",
                        "{\"key\": \"shadow-%s\", \"name\": \"Shadow\"}".formatted(UUID.randomUUID()), ORG_ADMINS),
                new Case("GET /activity-types", "/activity-types", null, SIGNED_IN),
                new Case("GET /activity-types/{key}", "/activity-types/" + type, null, SIGNED_IN),
                new Case("POST /activity-types/{key}/outcomes", "/activity-types/" + type + "/outcomes",
                        "{\"name\": \"o%s\", \"label\": \"Shadow\", \"unit\": \"shadows\"}"
                                .formatted(UUID.randomUUID().toString().replace("-", "")), ORG_ADMINS),
                new Case("POST /activity-types/{key}/outcomes/{name}/retire",
                        "/activity-types/" + type + "/outcomes/membersRecruited/retire", null, ORG_ADMINS),
                new Case("POST /activity-types/{key}/retire", "/activity-types/" + type + "/retire", null, ORG_ADMINS),
                new Case("POST /segments", "/segments",
                        "{\"key\": \"shadow-%s\", \"name\": \"Shadow\"}".formatted(UUID.randomUUID()), ORG_ADMINS),
                new Case("GET /segments", "/segments", null, SIGNED_IN),
                new Case("GET /segments/{key}", "/segments/" + segment, null, SIGNED_IN),
                new Case("POST /segments/{key}/retire", "/segments/" + segment + "/retire", null, ORG_ADMINS),
                new Case("POST /designs", "/designs", design(unit, team), UNIT_MANAGERS),
                new Case("GET /designs", "/designs", null, SIGNED_IN),
                new Case("GET /designs/{designId}", "/designs/" + design, null, UNIT_MEMBERS),
                new Case("GET /designs/{designId}/versions", "/designs/" + design + "/versions", null, UNIT_MEMBERS),
                new Case("GET /designs/{designId}/versions/{version}", "/designs/" + design + "/versions/1", null,
                        UNIT_MEMBERS),
                new Case("GET /designs/{designId}/diff", "/designs/" + design + "/diff?from=1&to=1", null,
                        UNIT_MEMBERS),
                new Case("POST /designs/{designId}/revise", "/designs/" + design + "/revise",
                        "{\"intention\": \"Sharper\", \"rationale\": \"Agreed with the team\"}", UNIT_MANAGERS),
                new Case("POST /designs/{designId}/fork", "/designs/" + design + "/fork",
                        "{\"segments\": [\"small-6-30\"], \"rationale\": \"Small workplaces differ\"}", UNIT_MANAGERS),
                new Case("POST /designs/{designId}/retire", "/designs/" + design + "/retire",
                        "{\"reason\": \"Replaced\"}", UNIT_MANAGERS),
                new Case("POST /activities", "/activities", plan(team, design), TEAM_MEMBERS),
                new Case("GET /activities/{activityId}", "/activities/" + activity, null, TEAM_MEMBERS),
                new Case("POST /activities/{activityId}/carry-out", "/activities/" + activity + "/carry-out", """
                        {"carriedOutAt": "2026-11-26T09:30:00Z", "presence": 4, "focus": 5, "intentionReached": "partly",
                         "outcomes": {"membersRecruited": 3}}""", TEAM_MEMBERS),
                new Case("POST /activities/{activityId}/evaluate", "/activities/" + activity + "/evaluate", """
                        {"filtering": {"signal": ["Pay"], "noise": []},
                         "quality": {"intention": 4, "frames": 3, "content": 4, "presence": 5, "focus": 4, "flexibility": 3},
                         "improvementProposals": []}""", TEAM_MEMBERS),
                new Case("POST /activities/{activityId}/feedback", "/activities/" + activity + "/feedback", """
                        {"fromMemberId": "%s", "toMemberId": "%s",
                         "items": [{"category": "keep", "element": "presence", "text": "You listened well"}]}"""
                        .formatted(member, subjects.get(Caller.TEAM_LEAD)), TEAM_MEMBERS),
                new Case("POST /activities/{activityId}/cancel", "/activities/" + activity + "/cancel",
                        "{\"reason\": \"The workplace closed\"}", TEAM_MEMBERS),
                new Case("GET /teams/{teamId}/activities", "/teams/" + team + "/activities", null, TEAM_MEMBERS));

        assertThat(AccessMatrix.withoutACase(OpenApiFuzzer.fetchOpenApi(), cases))
                .as("operations without an access rule (add a Case with the callers it allows)").isEmpty();
        List<String> wrong = new AccessMatrix(subjects).check(cases, this::storedEvents);
        assertThat(wrong).as("answers that break the access rules").isEmpty();
    }

    private long storedEvents() {
        return pool.query("select count(*) from event_store").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }

    private static String created(String path, String body, String idField) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201).extract()
                .path(idField).toString();
    }

    private static String design(UUID unit, UUID team) {
        return """
                {"unitId": "%s", "teamId": "%s", "name": "Lunch-room visit", "activityType": "workplace-visit",
                 "segments": ["call-centre"], "intention": "Everyone knows what the union does for them",
                 "frames": {"durationMinutes": 45, "place": "The staff room", "participants": ["two recruiters"],
                            "materials": ["leaflets"]},
                 "content": {"steps": ["Introduce the union"], "talkingPoints": ["Insurance"]},
                 "hypothesis": "Meeting people where they eat lowers the threshold"}""".formatted(unit, team);
    }

    private static String plan(UUID team, String design) {
        return """
                {"teamId": "%s", "designId": "%s", "scheduledAt": "2026-11-25T09:00:00Z",
                 "workplace": {"reference": "WP-0042", "segment": "call-centre", "employees": 120},
                 "participants": ["%s"], "preparation": "Booked the lunch room",
                 "hypothesis": "Asking first opens the conversation"}""".formatted(team, design, UUID.randomUUID());
    }
}
