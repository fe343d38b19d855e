package org.learningloop.reporting;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.ServiceBasicsTest;
import org.learningloop.testing.SignedIn;

import static org.hamcrest.Matchers.equalTo;

/** reporting-service starts against a real database and broker and answers what every service answers. */
@QuarkusTest
class ReportingServiceTest extends ServiceBasicsTest {

    @Override
    protected boolean storesEvents() {
        return false;
    }

    /** {@code /admin/*} is the operators' alone; the exports the analysts'. */
    @Test
    void givenTheOrganisationWideRoles_thenAdminIsOpsOnly_andExportsAnalystsOnly() {
        for (String[] roles : new String[][] {{}, {"org-admin"}, {"analyst"}}) {
            SignedIn.asSomebody(roles).get("/admin/projections").then().statusCode(403)
                    .contentType("application/problem+json").body("code", equalTo("forbidden"));
            SignedIn.asSomebody(roles).post("/admin/projections/team-history/rebuild").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        SignedIn.asOps().get("/admin/projections").then().statusCode(200);
        for (String[] roles : new String[][] {{}, {"org-admin"}, {"ops"}}) {
            SignedIn.asSomebody(roles).get("/exports/events").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        SignedIn.asAnalyst().get("/exports/events").then().statusCode(200);
    }
}
