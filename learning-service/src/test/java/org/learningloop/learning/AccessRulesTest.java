package org.learningloop.learning;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.learning.learnings.Candidates;
import org.learningloop.testing.AccessMatrix;
import org.learningloop.testing.AccessMatrix.Case;
import org.learningloop.testing.AccessMatrix.Caller;
import org.learningloop.testing.OpenApiFuzzer;
import org.learningloop.testing.OrganisationOnTopic;
import org.learningloop.testing.SignedIn;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.learningloop.testing.AccessMatrix.SIGNED_IN;
import static org.learningloop.testing.AccessMatrix.TEAM_LEADS;
import static org.learningloop.testing.AccessMatrix.TEAM_MEMBERS;
import static org.learningloop.testing.AccessMatrix.UNIT_MANAGERS;
import static org.learningloop.testing.AccessMatrix.UNIT_MEMBERS;
import static org.learningloop.testing.SignedIn.given;

/**
 * Who may do what in learning-service (ADR 15, the table in the README): every operation of its OpenAPI document as
 * eleven kinds of caller. Team and unit roles come from the organisation's events on {@code loop.goals}, which the
 * service keeps a replica of; here they are published as goal-service would.
 */
@QuarkusTest
class AccessRulesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyOperationAnswersItsCallersAsTheRulesSay_andAnOperationWithoutARuleFails() {
        Map<Caller, String> subjects = AccessMatrix.newSubjects();
        OrganisationOnTopic.Scope scope = OrganisationOnTopic.forMatrix(kafka, subjects, "/teams/{teamId}/learnings");
        UUID unit = scope.unitId();
        UUID team = scope.teamId();
        UUID activity = UUID.randomUUID();
        LearningFixtures.evaluated(kafka, team, unit, activity, UUID.randomUUID().toString());
        UUID candidate = Candidates.candidateId(activity, 0);
        await("the candidate").atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                given().get("/learning-candidates/" + candidate).statusCode() == 200);
        String meeting = created("/units/" + unit + "/workplace-meetings", "{\"month\": \"2026-11\"}");
        String wigMeeting = created("/teams/" + team + "/wig-meetings", "{\"week\": \"2026-W47\"}");
        String learning = created("/teams/" + team + "/learnings", "{\"insight\": \"A quiet room helps\"}");

        List<Case> cases = List.of(
                new Case("GET /schemas", "/schemas", null, SIGNED_IN),
                new Case("GET /schemas/{type}", "/schemas/goal.wig-defined.v1", null, SIGNED_IN),
                new Case("POST /units/{unitId}/workplace-meetings", "/units/" + unit + "/workplace-meetings",
                        "{\"month\": \"2026-10\"}", UNIT_MANAGERS),
                new Case("GET /units/{unitId}/workplace-meetings", "/units/" + unit + "/workplace-meetings", null,
                        UNIT_MEMBERS),
                new Case("GET /workplace-meetings/{id}", "/workplace-meetings/" + meeting, null, UNIT_MEMBERS),
                new Case("POST /workplace-meetings/{id}/coaching-notes", "/workplace-meetings/" + meeting
                        + "/coaching-notes", "{\"note\": \"Ask what changed\"}", UNIT_MANAGERS),
                new Case("POST /workplace-meetings/{id}/agreements", "/workplace-meetings/" + meeting + "/agreements",
                        "{\"kind\": \"keep-design\", \"designId\": \"%s\", \"rationale\": \"It works\"}"
                                .formatted(UUID.randomUUID()), UNIT_MANAGERS),
                new Case("POST /workplace-meetings/{id}/close", "/workplace-meetings/" + meeting + "/close", null,
                        UNIT_MANAGERS),
                new Case("GET /teams/{teamId}/loops", "/teams/" + team + "/loops", null, TEAM_MEMBERS),
                new Case("POST /teams/{teamId}/wig-meetings", "/teams/" + team + "/wig-meetings",
                        "{\"week\": \"2026-W46\"}", TEAM_LEADS),
                new Case("GET /wig-meetings/{wigMeetingId}", "/wig-meetings/" + wigMeeting, null, TEAM_MEMBERS),
                new Case("GET /teams/{teamId}/wig-meetings/{week}", "/teams/" + team + "/wig-meetings/2026-W47", null,
                        TEAM_MEMBERS),
                new Case("POST /wig-meetings/{wigMeetingId}/record", "/wig-meetings/" + wigMeeting + "/record",
                        "{\"accountability\": [], \"commitments\": [], \"learningIds\": []}", TEAM_LEADS),
                new Case("POST /teams/{teamId}/learnings", "/teams/" + team + "/learnings",
                        "{\"insight\": \"Members ask about pay first\"}", TEAM_MEMBERS),
                new Case("GET /learnings/{learningId}", "/learnings/" + learning, null, TEAM_MEMBERS),
                new Case("GET /teams/{teamId}/learnings", "/teams/" + team + "/learnings", null, TEAM_MEMBERS),
                new Case("GET /teams/{teamId}/learning-candidates", "/teams/" + team + "/learning-candidates", null,
                        TEAM_MEMBERS),
                new Case("GET /learning-candidates/{candidateId}", "/learning-candidates/" + candidate, null,
                        TEAM_MEMBERS),
                new Case("POST /learning-candidates/{candidateId}/dismiss", "/learning-candidates/" + candidate
                        + "/dismiss", "{\"reason\": \"The room cannot change\"}", TEAM_LEADS),
                new Case("POST /learning-candidates/{candidateId}/merge", "/learning-candidates/" + candidate
                        + "/merge", "{\"learningId\": \"%s\"}".formatted(learning), TEAM_LEADS));

        assertThat(AccessMatrix.withoutACase(OpenApiFuzzer.fetchOpenApi(), cases))
                .as("operations without an access rule (add a Case with the callers it allows)").isEmpty();
        List<String> wrong = new AccessMatrix(subjects).check(cases, this::storedEvents);
        assertThat(wrong).as("answers that break the access rules").isEmpty();
    }

    private long storedEvents() {
        return pool.query("select count(*) from event_store").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }

    private static String created(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201).extract()
                .path("id").toString();
    }
}
