package org.learningloop.reporting;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.AccessMatrix;
import org.learningloop.testing.AccessMatrix.Case;
import org.learningloop.testing.AccessMatrix.Caller;
import org.learningloop.testing.OpenApiFuzzer;
import org.learningloop.testing.OrganisationOnTopic;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.testing.AccessMatrix.ANALYSTS;
import static org.learningloop.testing.AccessMatrix.OPERATORS;
import static org.learningloop.testing.AccessMatrix.SIGNED_IN;
import static org.learningloop.testing.AccessMatrix.TEAM_MEMBERS;
import static org.learningloop.testing.AccessMatrix.UNIT_MEMBERS;
import static org.learningloop.testing.AccessMatrix.union;

/**
 * Who may read what in reporting-service (ADR 15, the table in the README): every operation of its OpenAPI document
 * as eleven kinds of caller. Team and unit roles come from the organisation's events on {@code loop.goals}, which
 * the service keeps a replica of; here they are published as goal-service would. reporting-service stores no
 * events: a refused caller changes nothing by construction, so nothing is counted.
 */
@QuarkusTest
class AccessRulesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyOperationAnswersItsCallersAsTheRulesSay_andAnOperationWithoutARuleFails() {
        Map<Caller, String> subjects = AccessMatrix.newSubjects();
        OrganisationOnTopic.Scope scope = OrganisationOnTopic.forMatrix(kafka, subjects, "/teams/{teamId}/history");
        UUID unit = scope.unitId();
        UUID team = scope.teamId();

        List<Case> cases = List.of(
                new Case("GET /schemas", "/schemas", null, SIGNED_IN),
                new Case("GET /schemas/{type}", "/schemas/goal.wig-defined.v1", null, SIGNED_IN),
                new Case("GET /reports/design-effectiveness", "/reports/design-effectiveness?activityType=workplace-visit",
                        null, SIGNED_IN),
                new Case("GET /reports/best-designs", "/reports/best-designs?activityType=workplace-visit", null,
                        SIGNED_IN),
                new Case("GET /reports/lead-measures/{leadMeasureId}/verdict", "/reports/lead-measures/"
                        + UUID.randomUUID() + "/verdict", null, SIGNED_IN),
                new Case("GET /organisation/rollup", "/organisation/rollup", null, SIGNED_IN),
                new Case("GET /units/{unitId}/rollup", "/units/" + unit + "/rollup", null,
                        union(UNIT_MEMBERS, ANALYSTS)),
                new Case("GET /teams/{teamId}/history", "/teams/" + team + "/history", null,
                        union(TEAM_MEMBERS, ANALYSTS)),
                new Case("GET /teams/{teamId}/state", "/teams/" + team + "/state", null,
                        union(TEAM_MEMBERS, ANALYSTS)),
                new Case("GET /exports/events", "/exports/events", null, ANALYSTS),
                new Case("GET /exports/activities.csv", "/exports/activities.csv", null, ANALYSTS),
                new Case("GET /admin/projections", "/admin/projections", null, OPERATORS),
                new Case("GET /admin/projections/{name}", "/admin/projections/team-history", null, OPERATORS),
                // a projection that does not exist: an operator gets 404, and no rebuild disturbs the other suites
                new Case("POST /admin/projections/{name}/rebuild", "/admin/projections/no-such-projection/rebuild",
                        null, OPERATORS));

        assertThat(AccessMatrix.withoutACase(OpenApiFuzzer.fetchOpenApi(), cases))
                .as("operations without an access rule (add a Case with the callers it allows)").isEmpty();
        List<String> wrong = new AccessMatrix(subjects).check(cases, () -> 0);
        assertThat(wrong).as("answers that break the access rules").isEmpty();
    }
}
