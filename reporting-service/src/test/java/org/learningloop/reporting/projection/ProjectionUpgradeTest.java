package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.SignedIn;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.learningloop.testing.SignedIn.given;

/**
 * A service that starts with a newer version of a projection's code than its live generation was built by upgrades
 * that generation's tables, rebuilds the projection from offset 0, and serves the old generation meanwhile: what
 * needs the new version (team history by business time) answers 503 until the rebuild is live, then 200.
 */
@QuarkusTest
class ProjectionUpgradeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Inject
    Pool pool;

    @Inject
    ProjectionRuntime runtime;

    @Test
    void aLiveGenerationOfAnOlderVersion_isRebuiltAtStart_andTheNewQueryAnswersOnceTheRebuildIsLive() {
        String status = "/admin/projections/team-history";
        await().atMost(PATIENCE).until(() -> "live".equals(SignedIn.asOps().get(status).then().extract().path("state")));
        int before = SignedIn.asOps().get(status).then().statusCode(200).extract().path("liveGeneration");
        // as an older version of the service built it
        pool.preparedQuery("update projection_generation set version = 1 where projection = 'team-history' "
                + "and state = 'live'").execute().await().atMost(PATIENCE);
        String history = "/teams/" + UUID.randomUUID() + "/history";
        given().get(history + "?time=business").then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("projection-rebuilding"));
        given().get(history).then().statusCode(200);

        runtime.upgradeAsAtStart("team-history");

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var now = SignedIn.asOps().get(status).then().statusCode(200).extract();
            assertThat(now.<Integer>path("liveGeneration")).isGreaterThan(before);
            assertThat(now.<Object>path("rebuild")).isNull();
        });
        given().get(history + "?time=business").then().statusCode(200);
        assertThat(pool.preparedQuery("select version from projection_generation where projection = 'team-history' "
                + "and state = 'live'").execute().await().atMost(PATIENCE).iterator().next().getInteger(0))
                .isEqualTo(runtime.projections().get("team-history").version());
    }
}
