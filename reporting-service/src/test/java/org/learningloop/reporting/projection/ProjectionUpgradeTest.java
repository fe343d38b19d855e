package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.testing.SignedIn;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.learningloop.testing.SignedIn.given;

/**
 * A service that starts with a newer version of a projection's code than its live generation was built by upgrades
 * that generation's tables, rebuilds the projection from offset 0, and serves the old generation meanwhile: what
 * needs the new version (team history by business time) answers 503 until the rebuild is live, then 200. The older
 * generation keeps consuming meanwhile: its tables take what the projection writes now.
 */
@QuarkusTest
class ProjectionUpgradeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    ProjectionRuntime runtime;

    @Test
    void aLiveGenerationOfAnOlderVersion_isRebuiltAtStart_andTheNewQueryAnswersOnceTheRebuildIsLive() {
        String status = "/admin/projections/team-history";
        await().atMost(PATIENCE).until(() -> "live".equals(SignedIn.asOps().get(status).then().extract().path("state")));
        int before = SignedIn.asOps().get(status).then().statusCode(200).extract().path("liveGeneration");
        // as an older version of the service built it: version 1, its payloads jsonb (as until version 3)
        pool.preparedQuery("update projection_generation set version = 1 where projection = 'team-history' "
                + "and state = 'live'").execute().await().atMost(PATIENCE);
        String schema = pool.preparedQuery("select schema_name from projection_generation "
                + "where projection = 'team-history' and state = 'live'").execute().await().atMost(PATIENCE)
                .iterator().next().getString(0);
        pool.query("alter table " + schema + ".team_history_entry alter column payload type jsonb").execute()
                .await().atMost(PATIENCE);
        // the older generation keeps consuming what the code writes now
        LoopScenario older = new LoopScenario(Instant.parse("2026-04-06T08:00:00Z"));
        older.team("Older", 2);
        older.publishAll(kafka);
        UUID last = older.events().get(older.events().size() - 1).eventId();
        await().atMost(PATIENCE).until(() -> pool.preparedQuery("select count(*) from " + schema
                + ".team_history_entry where event_id = $1").execute(Tuple.of(last)).await().indefinitely()
                .iterator().next().getLong(0) == 1);
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
