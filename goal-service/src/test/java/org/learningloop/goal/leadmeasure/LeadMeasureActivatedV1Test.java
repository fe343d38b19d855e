package org.learningloop.goal.leadmeasure;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code goal.lead-measure-activated} is at version 2 ({@code activeFrom} always present). Activations written as
 * v1 before that, without {@code activeFrom}, stay in the store and on {@code loop.goals} for good; they are read
 * as v2 with their own time as {@code activeFrom} (the upcaster in {@code GoalEvents}), by the aggregate and by
 * every consumer alike.
 */
@QuarkusTest
class LeadMeasureActivatedV1Test {

    private static final Instant ACTIVATED_AT = Instant.parse("2026-10-05T08:30:00Z");

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenAStoredV1ActivationWithoutActiveFrom_whenTheLeadMeasureIsRead_thenItCountsFromTheEventsTime() {
        UUID wig = LeadMeasureFixtures.teamWig();
        UUID id = LeadMeasureFixtures.proposed(wig, "Visits", true, true);
        String stream = "lead-measure-" + id;
        Row proposal = pool.preparedQuery("select stream_type, team_id, unit_id, subject from event_store "
                        + "where stream_id = $1 and stream_version = 1").execute(Tuple.of(stream))
                .await().indefinitely().iterator().next();
        String v1 = v1Activation(id, wig, proposal.getUUID("team_id"), proposal.getUUID("unit_id"));

        // as a goal-service before version 2 stored it
        pool.preparedQuery("""
                        insert into event_store (event_id, stream_type, stream_id, stream_version, event_type, type_version,
                                                 team_id, unit_id, subject, occurred_at, payload)
                        values ($1, $2, $3, 2, 'goal.lead-measure-activated', 1, $4, $5, $6, $7, $8::text::jsonb)""")
                .execute(Tuple.from(List.of(UUID.randomUUID(), proposal.getString("stream_type"), stream,
                        proposal.getUUID("team_id"), proposal.getUUID("unit_id"), proposal.getString("subject"),
                        OffsetDateTime.ofInstant(ACTIVATED_AT, ZoneOffset.UTC), v1)))
                .await().indefinitely();

        given().get("/lead-measures/" + id).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("activation.activeFrom", equalTo(ACTIVATED_AT.toString()))
                .body("version", equalTo(2));
        // the stream goes on: the next event is appended after the v1 one
        given().header("If-Match", "\"2\"").contentType("application/json")
                .body("{\"reason\": \"The lag measure does not move\"}")
                .post("/lead-measures/" + id + "/retire").then().statusCode(200).body("status", equalTo("retired"));
    }

    @Test
    void givenAPublishedV1ActivationWithoutActiveFrom_whenConsumed_thenTheScoreboardCountsFromItsTime() {
        UUID team = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID leadMeasure = UUID.randomUUID();
        TopicReader.write(kafka, "loop.goals", team.toString(), v1Activation(leadMeasure, UUID.randomUUID(), team, unit),
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", "goal.lead-measure-activated.v1", "ce_source", "/goal-service", "ce_subject", team.toString(),
                "ce_time", ACTIVATED_AT.toString(), "ce_streamid", "lead-measure-" + leadMeasure,
                "ce_streamversion", "2");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(activeFrom(leadMeasure))
                .isEqualTo(ACTIVATED_AT));
    }

    private static String v1Activation(UUID leadMeasure, UUID wig, UUID team, UUID unit) {
        return new JsonObject().put("leadMeasureId", leadMeasure.toString()).put("wigId", wig.toString())
                .put("teamId", team.toString()).put("unitId", unit.toString()).put("activityType", "workplace-visit")
                .put("weeklyTarget", 5).encode();
    }

    private Instant activeFrom(UUID leadMeasure) {
        var rows = pool.preparedQuery("select active_from from scoreboard_lead_measure where lead_measure_id = $1")
                .execute(Tuple.of(leadMeasure)).await().indefinitely();
        return rows.size() == 0 || rows.iterator().next().getOffsetDateTime(0) == null ? null
                : rows.iterator().next().getOffsetDateTime(0).toInstant();
    }
}
