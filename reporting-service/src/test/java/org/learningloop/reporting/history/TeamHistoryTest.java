package org.learningloop.reporting.history;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.reporting.ReportingBeans;
import org.learningloop.testing.TopicReader;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.learningloop.testing.SignedIn;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The team-history projection through the real broker: events published on the three topics as the
 * producing services would appear once each, in time order, in the team's history with its unit's
 * unit-wide events; filters, paging, bad parameters; and the projection's positions and lag.
 */
@QuarkusTest
class TeamHistoryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final UUID team = UUID.randomUUID();
    private final UUID otherTeam = UUID.randomUUID();
    private final UUID unit = UUID.randomUUID();

    @Test
    void eventsOfTheThreeTopics_appearOnceEach_inTimeOrder_withTheUnitsUnitWideEvents_filteredAndPaged() {
        UUID teamWig = UUID.randomUUID();
        UUID unitWig = UUID.randomUUID();
        UUID activity = UUID.randomUUID();
        UUID design = UUID.randomUUID();
        // unit-wide events (key = the unit) come before the team is known
        publish("loop.goals", unit, "goal.wig-defined.v1", "2026-11-02T09:00:00Z", "wig-" + unitWig, 1,
                new WigDefined(unitWig, null, unit, null, "Unit grows", lag()), UUID.randomUUID());
        publish("loop.activities", unit, "activity.design-created.v1", "2026-11-02T09:30:00Z", "design-" + design, 1,
                new DesignCreated(design, unit, null, "Lunch-room visit", "workplace-visit", null, List.of("call-centre"),
                        "Members see the value", new Frames(30, "lunch room", List.of(), List.of()),
                        new Content(List.of("greet"), List.of("wages")), "Short visits work"), UUID.randomUUID());
        publish("loop.goals", team, "goal.team-created.v1", "2026-11-02T10:00:00Z", "team-" + team, 1,
                new TeamCreated(team, unit, "Region X"), UUID.randomUUID());
        publish("loop.goals", team, "goal.wig-defined.v1", "2026-11-02T10:05:00Z", "wig-" + teamWig, 1,
                new WigDefined(teamWig, team, unit, unitWig, "Grow from 10 to 30", lag()), UUID.randomUUID());
        UUID carriedOut = UUID.randomUUID();
        ActivityCarriedOut done = new ActivityCarriedOut(activity, team, unit, "workplace-visit", null, design, 2,
                "call-centre", Instant.parse("2026-11-02T10:07:00Z"), 4, 5, IntentionReached.PARTLY, List.of(),
                Map.of("membersRecruited", 3));
        publish("loop.activities", team, "activity.carried-out.v1", "2026-11-02T10:07:00Z", "activity-" + activity, 2,
                done, carriedOut);
        publish("loop.activities", team, "activity.carried-out.v1", "2026-11-02T10:07:00Z", "activity-" + activity, 2,
                done, carriedOut); // delivered twice
        UUID leadMeasure = UUID.randomUUID();
        publish("loop.goals", team, "goal.lead-measure-proposed.v1", "2026-11-02T10:08:00Z", "lead-1", 1,
                new LeadMeasureProposed(leadMeasure, teamWig, team, unit, "Workplace visits", "workplace-visit", 5,
                        "Visits recruit members", null), UUID.randomUUID());
        publish("loop.goals", team, "goal.lead-measure-activated.v1", "2026-11-02T10:10:00Z", "lead-1", 2,
                new LeadMeasureActivated(leadMeasure, teamWig, team, unit, "workplace-visit", 5, null, null, null,
                        null), UUID.randomUUID());
        publish("loop.learning", team, "learning.learning-recorded.v1", "2026-11-02T10:20:00Z", "learning-1", 1,
                new LearningRecorded(UUID.randomUUID(), team, unit, "A quiet room helps", "frames", List.of(),
                        List.of(activity), null), UUID.randomUUID());
        publish("loop.learning", otherTeam, "learning.learning-recorded.v1", "2026-11-02T10:21:00Z", "learning-2", 1,
                new LearningRecorded(UUID.randomUUID(), otherTeam, unit, "Not ours", "frames", List.of(), List.of(),
                        null), UUID.randomUUID());
        // the last one in the activities partition: once it is there, so are the two copies before it
        publish("loop.activities", team, "activity.evaluated.v1", "2026-11-02T10:15:00Z", "activity-" + activity, 3,
                new ActivityEvaluated(activity, team, unit, design, 2, "call-centre", null,
                        new QualityScores(4, 3, 4, 5, 4, 3), List.of()), UUID.randomUUID());

        List<String> expected = List.of("goal.wig-defined.v1", "activity.design-created.v1", "goal.team-created.v1",
                "goal.wig-defined.v1", "activity.carried-out.v1", "goal.lead-measure-proposed.v1",
                "goal.lead-measure-activated.v2", // published as v1, read (upcast) as the current version
                "activity.evaluated.v1", "learning.learning-recorded.v1");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                given().get("/teams/" + team + "/history").then().statusCode(200).extract().<List<String>>path("items.type"))
                .hasSize(9));
        // the other team's learning (not yet known to be of the unit: no team-created yet)
        await().atMost(PATIENCE).until(() -> given().get("/teams/" + otherTeam + "/history").then().statusCode(200)
                .extract().<List<String>>path("items.type").size() == 1);

        Response all = given().get("/teams/" + team + "/history?limit=100");
        all.then().statusCode(200).body("items", hasSize(9)).body("nextCursor", nullValue());
        assertThat(all.jsonPath().<String>getList("items.type")).isEqualTo(expected);
        assertThat(all.jsonPath().<String>getList("items.time")).isSorted();
        all.then().body("items[4].eventId", equalTo(carriedOut.toString()))
                .body("items[4].summary", equalTo("Activity carried out (workplace-visit, design v2, call-centre): "
                        + "intention reached partly, 3 members recruited"))
                .body("items[4].streamId", equalTo("activity-" + activity))
                .body("items[4].streamVersion", equalTo(2))
                .body("items[4].time", equalTo("2026-11-02T10:07:00Z"))
                .body("items[4].event.outcomes.membersRecruited", equalTo(3))
                .body("items[0].summary", equalTo("WIG 'Unit grows' set: from 10 to 30 members/month by 2027-06-30"))
                .body("items[3].event.parentWigId", equalTo(unitWig.toString()))
                .body("items[6].summary", equalTo("Lead measure 'Workplace visits' activated (5 a week)"));

        // filters: types, from inclusive / to exclusive
        given().get("/teams/" + team + "/history?types=goal.wig-defined.v1, learning.learning-recorded.v1")
                .then().statusCode(200).body("items.type", equalTo(List.of("goal.wig-defined.v1",
                        "goal.wig-defined.v1", "learning.learning-recorded.v1")));
        given().get("/teams/" + team + "/history?from=2026-11-02T10:05:00Z&to=2026-11-02T10:10:00Z")
                .then().statusCode(200).body("items.type", equalTo(List.of("goal.wig-defined.v1",
                        "activity.carried-out.v1", "goal.lead-measure-proposed.v1")));

        // paging: three pages of 4, 4 and 1 make the whole timeline
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = given().queryParam("limit", 4).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/teams/" + team + "/history");
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("items.eventId"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(all.jsonPath().getList("items.eventId"));

        // the other team of the unit sees the unit-wide events only once it is known; not this team's events
        given().get("/teams/" + otherTeam + "/history").then().statusCode(200)
                .body("items.type", equalTo(List.of("learning.learning-recorded.v1")));
        publish("loop.goals", otherTeam, "goal.team-created.v1", "2026-11-02T11:00:00Z", "team-" + otherTeam, 1,
                new TeamCreated(otherTeam, unit, "Region Y"), UUID.randomUUID());
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/teams/" + otherTeam + "/history").then()
                .statusCode(200).body("items.type", equalTo(List.of("goal.wig-defined.v1", "activity.design-created.v1",
                        "learning.learning-recorded.v1", "goal.team-created.v1"))));

        // a team without events yet: an empty page
        given().get("/teams/" + UUID.randomUUID() + "/history").then().statusCode(200).body("items", hasSize(0));

        // the projection's status: once caught up, every partition's checkpoint is its end
        String th = "items.find { it.name == 'team-history' }";
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                SignedIn.asOps().get("/admin/projections").then().statusCode(200)
                        .body(th + ".state", equalTo("live"))
                        .body(th + ".liveGeneration", notNullValue())
                        .body(th + ".lag", equalTo(0))
                        .body(th + ".lastAppliedAt", notNullValue()));
        Response status = SignedIn.asOps().get("/admin/projections/team-history");
        status.then().statusCode(200).body("name", equalTo("team-history")).body("rebuild", nullValue())
                .body("lastError", nullValue());
        assertThat(status.jsonPath().<String>getList("partitions.topic"))
                .contains("loop.goals", "loop.activities", "loop.learning");
        assertThat(status.jsonPath().getLong("eventsApplied")).isGreaterThanOrEqualTo(11); // eleven distinct events were published
        List<Map<String, Object>> partitions = status.jsonPath().getList("partitions");
        assertThat(partitions).allSatisfy(p -> assertThat(((Number) p.get("lag")).longValue()).isZero());
        assertThat(partitions).anySatisfy(p -> {
            assertThat(p.get("position")).isNotNull();
            assertThat(((Number) p.get("position")).longValue()).isEqualTo(((Number) p.get("endOffset")).longValue())
                    .isPositive();
        });
        SignedIn.asOps().get("/admin/projections/no-such-projection").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * Business time (issue 16): back-dated activities, recorded today, are ordered and filtered by when they were
     * carried out; a definition (the team formed) and a learning stand at their recording time.
     */
    @Test
    void theTimeline_byBusinessTime_ordersAndFiltersBackDatedActivitiesByWhenTheyHappened() {
        UUID teamB = UUID.randomUUID();
        UUID september = UUID.randomUUID();
        UUID august = UUID.randomUUID();
        publish("loop.goals", teamB, "goal.team-created.v1", "2026-11-20T09:00:00Z", "team-" + teamB, 1,
                new TeamCreated(teamB, unit, "Region B"), UUID.randomUUID());
        publish("loop.activities", teamB, "activity.carried-out.v1", "2026-11-20T09:01:00Z", "activity-" + september, 2,
                carriedOut(september, teamB, "2026-09-10T10:00:00Z"), UUID.randomUUID());
        publish("loop.activities", teamB, "activity.carried-out.v1", "2026-11-20T09:02:00Z", "activity-" + august, 2,
                carriedOut(august, teamB, "2026-08-05T10:00:00Z"), UUID.randomUUID());
        publish("loop.learning", teamB, "learning.learning-recorded.v1", "2026-11-20T09:03:00Z", "learning-" + teamB, 1,
                new LearningRecorded(UUID.randomUUID(), teamB, unit, "Breaks are the time", "frames", List.of(),
                        List.of(september), null), UUID.randomUUID());
        String base = "/teams/" + teamB + "/history";
        await().atMost(PATIENCE).until(() -> given().get(base).then().statusCode(200).extract()
                .<List<String>>path("items.type").size() == 4);

        given().get(base).then().statusCode(200).body("items.type", equalTo(List.of("goal.team-created.v1",
                "activity.carried-out.v1", "activity.carried-out.v1", "learning.learning-recorded.v1")))
                .body("items[1].event.activityId", equalTo(september.toString()));
        Response business = given().get(base + "?time=business");
        business.then().statusCode(200)
                .body("items.event.activityId", equalTo(java.util.Arrays.asList(august.toString(), september.toString(),
                        null, null)))
                .body("items[0].businessTime", equalTo("2026-08-05T10:00:00Z"))
                .body("items[0].time", equalTo("2026-11-20T09:02:00Z"))
                .body("items[2].type", equalTo("goal.team-created.v1"))
                .body("items[2].businessTime", equalTo("2026-11-20T09:00:00Z"));
        given().get(base + "?time=business&from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z").then().statusCode(200)
                .body("items.event.activityId", equalTo(List.of(september.toString())));
        given().get(base + "?time=recorded&from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z").then().statusCode(200)
                .body("items", hasSize(0));

        // pages of one follow the business order too
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().queryParam("limit", 1).queryParam("time", "business")
                    .queryParam("cursor", cursor == null ? "" : cursor).get(base);
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("items.eventId"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null && paged.size() < 10);
        assertThat(paged).isEqualTo(business.jsonPath().getList("items.eventId"));
    }

    private static ActivityCarriedOut carriedOut(UUID activity, UUID team, String at) {
        return new ActivityCarriedOut(activity, team, null, "workplace-visit", null, UUID.randomUUID(), 1, "call-centre",
                Instant.parse(at), 4, 4, IntentionReached.YES, List.of(), Map.of("membersRecruited", 1));
    }

    @Test
    void badParameters_are400ProblemsNamingTheParameter() {
        String base = "/teams/" + team + "/history";
        bad(base + "?from=yesterday", "from");
        bad(base + "?to=2026-13-01", "to");
        bad(base + "?from=2026-11-02T10:00:00Z&to=2026-11-02T09:00:00Z", "to");
        bad(base + "?types=goal.wig-defined.v1,goal.nothing.v1", "types");
        bad(base + "?types=goal.wig-defined", "types");
        bad(base + "?limit=0", "limit");
        bad(base + "?limit=many", "limit");
        bad(base + "?cursor=not-a-cursor", "cursor");
        bad(base + "?time=yesterday", "time");
        bad("/teams/not-a-uuid/history", "teamId");
    }

    @Test
    void aRecordThatBreaksItsContract_isDeadLettered_andTheProjectionContinues() {
        UUID poisoned = UUID.randomUUID();
        String poison = UUID.randomUUID().toString();
        TopicReader.write(kafka, "loop.goals", poisoned.toString(), "{\"teamId\": \"not-a-uuid\"}",
                "ce_specversion", "1.0", "ce_id", poison, "ce_type", "goal.team-created.v1",
                "ce_source", "/goal-service", "ce_subject", poisoned.toString(), "ce_time", "2026-11-02T10:00:00Z");
        publish("loop.goals", poisoned, "goal.team-created.v1", "2026-11-02T10:01:00Z", "team-" + poisoned, 1,
                new TeamCreated(poisoned, unit, "After the poison"), UUID.randomUUID());

        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(kafka, "loop.dlq.reporting-service", PATIENCE,
                read -> read.stream().anyMatch(r -> poison.equals(TopicReader.header(r, "ce_id"))
                        && "team-history".equals(TopicReader.header(r, "dead-letter-projection"))));
        // every projection that reads it dead-letters its own copy (header dead-letter-projection); team-history's once
        assertThat(dead.stream().filter(r -> poison.equals(TopicReader.header(r, "ce_id"))
                && "team-history".equals(TopicReader.header(r, "dead-letter-projection")))).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/teams/" + poisoned + "/history").then()
                .statusCode(200).body("items.summary", equalTo(List.of("Team 'After the poison' formed"))));
    }

    private static void bad(String url, String parameter) {
        given().get(url).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter));
    }

    private static LagMeasure lag() {
        return new LagMeasure("net-new-members", "members/month", new BigDecimal("10"), new BigDecimal("30"),
                LocalDate.parse("2026-07-01"), LocalDate.parse("2027-06-30"), Cadence.MONTH);
    }

    private void publish(String topic, UUID key, String type, String time, String streamId, long version,
                         LoopEvent event, UUID eventId) {
        String source = "/" + topic.substring("loop.".length()) + "-service";
        TopicReader.write(kafka, topic, key.toString(), ReportingBeans.CATALOG.encode(event),
                "ce_specversion", "1.0", "ce_id", eventId.toString(), "ce_type", type, "ce_source", source,
                "ce_subject", key.toString(), "ce_time", time, "ce_streamid", streamId,
                "ce_streamversion", Long.toString(version));
    }
}
