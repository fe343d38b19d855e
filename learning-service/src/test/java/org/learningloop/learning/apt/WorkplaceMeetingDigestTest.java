package org.learningloop.learning.apt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.learningloop.learning.LoopFixtures;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * goal-service's and activity-service's events, through the real broker, feed the read models the APT
 * digest is computed from: counts, shares, means, outcomes, adaptations, feedback, proposals and
 * learnings per design version × segment, and per lead measure the weekly actuals and the lag trend.
 * Periods come from the payloads: an activity back-dated to October, and one carried out at 00:30 on
 * 1 December in Stockholm (23:30 UTC on 30 November), stay out of November.
 */
@QuarkusTest
class WorkplaceMeetingDigestTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenGoalAndActivityEvents_whenAptOpened_thenDigestShowsTheMonthsFiguresExactly() {
        UUID unit = UUID.randomUUID();
        UUID teamA = UUID.randomUUID();
        UUID teamB = UUID.randomUUID();
        UUID wig = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        UUID design = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        UUID a3 = UUID.randomUUID();
        UUID a4 = UUID.randomUUID();
        UUID october = UUID.randomUUID();
        UUID december = UUID.randomUUID();
        List<Map<String, String>> lunchRoom = List.of(Map.of("element", "frames", "what", "Met in the lunch room",
                "why", "The meeting room was taken"));

        LoopFixtures.unitAndTeams(kafka, unit, teamA, teamB);
        LoopFixtures.wig(kafka, teamA, unit, wig);
        LoopFixtures.lagReading(kafka, teamA, unit, wig, "2026-09", 12);
        LoopFixtures.lagReading(kafka, teamA, unit, wig, "2026-10", 15);
        LoopFixtures.lagCorrected(kafka, teamA, unit, wig, "2026-10", 16, 15);
        LoopFixtures.lagReading(kafka, teamA, unit, wig, "2026-11", 18);
        LoopFixtures.lagReading(kafka, teamA, unit, wig, "2026-12", 20);
        LoopFixtures.activeLeadMeasure(kafka, teamA, unit, wig, lead, 5);
        LoopFixtures.leadReading(kafka, teamA, unit, lead, "2026-W46", 2);

        LoopFixtures.carriedOut(kafka, teamA, unit, a1, lead, design, 1, "call-centre", "2026-11-10T09:00:00Z", "yes",
                Map.of("membersRecruited", 3), lunchRoom);
        LoopFixtures.evaluated(kafka, teamA, unit, a1, design, 1, "call-centre", List.of(4, 2, 4, 5, 4, 3),
                List.of(Map.of("element", "frames", "proposal", "Book a quieter room"),
                        Map.of("element", "content", "proposal", "Shorter talking points")));
        LoopFixtures.feedback(kafka, teamA, unit, a1, design, 1, List.of(
                Map.of("category", "keep", "element", "content", "text", "The member story worked"),
                Map.of("category", "improve", "element", "frames", "text", "Start on time")));
        LoopFixtures.carriedOut(kafka, teamA, unit, a2, lead, design, 1, "call-centre", "2026-11-11T09:00:00Z", "partly",
                Map.of("membersRecruited", 1), lunchRoom);
        LoopFixtures.evaluated(kafka, teamA, unit, a2, design, 1, "call-centre", List.of(2, 4, 2, 3, 2, 5), List.of());
        LoopFixtures.feedback(kafka, teamA, unit, a2, design, 1, List.of(
                Map.of("category", "improve", "element", "frames", "text", "Bring more leaflets")));
        LoopFixtures.carriedOut(kafka, teamB, unit, a3, null, design, 1, "call-centre", "2026-11-20T09:00:00Z", "no",
                Map.of("membersRecruited", 0), List.of());
        LoopFixtures.carriedOut(kafka, teamB, unit, a4, null, small, 2, "small-6-30", "2026-11-25T09:00:00Z", "yes",
                Map.of("membersRecruited", 2, "leafletsHandedOut", 10), List.of());
        LoopFixtures.carriedOut(kafka, teamA, unit, october, lead, design, 1, "call-centre", "2026-10-30T10:00:00Z", "yes",
                Map.of("membersRecruited", 5), List.of());
        LoopFixtures.carriedOut(kafka, teamA, unit, december, lead, design, 1, "call-centre", "2026-11-30T23:30:00Z", "yes",
                Map.of("membersRecruited", 7), List.of());

        await().atMost(PATIENCE).until(() -> count("select count(*) from activity_fact where unit_id = $1 "
                + "and carried_out_at is not null", unit) == 6
                && count("select count(*) from activity_fact where unit_id = $1 and q_intention is not null", unit) == 2
                && count("select count(*) from feedback_item f join activity_fact a using (activity_id) "
                + "where a.unit_id = $1", unit) == 3
                && count("select count(*) from team_directory where unit_id = $1", unit) == 2
                && count("select count(*) from lag_reading where wig_id = $1 and not (period = '2026-10' and value <> 16)",
                wig) == 4
                && count("select count(*) from lead_measure_view where lead_measure_id = $1 and status = 'active'", lead) == 1
                && count("select count(*) from lead_reading where lead_measure_id = $1", lead) == 1);
        String learning = given().contentType(ContentType.JSON)
                .body(Map.of("insight", "A member's story gets the intention through", "element", "content",
                        "activityIds", List.of(a1.toString())))
                .post("/teams/" + teamA + "/learnings").then().statusCode(201).extract().path("id");

        JsonPath apt = given().contentType(ContentType.JSON).body(Map.of("month", "2026-11"))
                .post("/units/" + unit + "/workplace-meetings").then().statusCode(201).extract().jsonPath();
        JsonPath digest = JsonPath.from(apt.prettify()).setRootPath("digest");

        assertThat(digest.getList("teamIds", String.class)).containsExactlyInAnyOrder(teamA.toString(), teamB.toString());
        assertThat(digest.getList("weeks", String.class)).containsExactly("2026-W45", "2026-W46", "2026-W47", "2026-W48");
        assertThat(digest.getInt("activitiesCarriedOut")).isEqualTo(4);
        assertThat(digest.getList("designs")).hasSize(2);

        JsonPath callCentre = JsonPath.from(apt.prettify()).setRootPath("digest.designs[0]");
        assertThat(callCentre.getString("designId")).isEqualTo(design.toString());
        assertThat(callCentre.getInt("designVersion")).isEqualTo(1);
        assertThat(callCentre.getString("segment")).isEqualTo("call-centre");
        assertThat(callCentre.getInt("activitiesCarriedOut")).isEqualTo(3);
        assertThat(callCentre.getList("activityIds", String.class)).containsExactly(a1.toString(), a2.toString(), a3.toString());
        assertThat(callCentre.getMap("intentionReached")).isEqualTo(Map.of("yes", 1, "partly", 1, "no", 1, "notRecorded", 0));
        // a1 yes, a2 partly, a3 no: partly counts half (IntentionReachedRate), (1 + ½ + 0) / 3 = 0.50
        assertThat(callCentre.getString("intentionReachedShare")).isEqualTo("0.5");
        assertThat(callCentre.getInt("evaluated")).isEqualTo(2);
        assertThat(callCentre.getMap("meanQuality", String.class, String.class)).isEqualTo(Map.of("intention", "3.0",
                "frames", "3.0", "content", "3.0", "presence", "4.0", "focus", "3.0", "flexibility", "4.0"));
        assertThat(callCentre.getMap("outcomeTotals")).isEqualTo(Map.of("membersRecruited", 4));
        assertThat(callCentre.getString("outcomesPerActivity.membersRecruited")).isEqualTo("1.33");
        assertThat(callCentre.getList("adaptations")).hasSize(1);
        assertThat(callCentre.getString("adaptations[0].what")).isEqualTo("Met in the lunch room");
        assertThat(callCentre.getInt("adaptations[0].count")).isEqualTo(2);
        assertThat(callCentre.getList("feedback.category")).containsExactly("improve", "keep");
        assertThat(callCentre.getList("feedback.element")).containsExactly("frames", "content");
        assertThat(callCentre.getList("feedback.count")).containsExactly(2, 1);
        assertThat(callCentre.getList("feedback[0].texts", String.class))
                .containsExactlyInAnyOrder("Start on time", "Bring more leaflets");
        assertThat(callCentre.getList("improvementProposals.proposal"))
                .containsExactly("Book a quieter room", "Shorter talking points");
        assertThat(callCentre.getList("learnings.id")).containsExactly(learning);

        JsonPath smallWorkplaces = JsonPath.from(apt.prettify()).setRootPath("digest.designs[1]");
        assertThat(smallWorkplaces.getString("designId")).isEqualTo(small.toString());
        assertThat(smallWorkplaces.getInt("activitiesCarriedOut")).isEqualTo(1);
        assertThat(smallWorkplaces.getString("intentionReachedShare")).isEqualTo("1.0");
        assertThat(smallWorkplaces.getInt("evaluated")).isZero();
        assertThat(smallWorkplaces.getMap("meanQuality")).isEmpty();
        assertThat(smallWorkplaces.getMap("outcomeTotals")).isEqualTo(Map.of("leafletsHandedOut", 10, "membersRecruited", 2));
        assertThat(smallWorkplaces.getString("outcomesPerActivity.leafletsHandedOut")).isEqualTo("10.0");
        assertThat(smallWorkplaces.getList("learnings")).isEmpty();

        assertThat(digest.getList("leadMeasures")).hasSize(1);
        JsonPath leadDigest = JsonPath.from(apt.prettify()).setRootPath("digest.leadMeasures[0]");
        assertThat(leadDigest.getString("leadMeasureId")).isEqualTo(lead.toString());
        assertThat(leadDigest.getInt("weeklyTarget")).isEqualTo(5);
        assertThat(leadDigest.getList("weeks.week")).containsExactly("2026-W45", "2026-W46", "2026-W47", "2026-W48");
        assertThat(leadDigest.getList("weeks.activities")).containsExactly(0, 2, 0, 0);
        assertThat(leadDigest.getList("weeks.manual")).containsExactly(0, 2, 0, 0);
        assertThat(leadDigest.getList("weeks.actual")).containsExactly(0, 4, 0, 0);
        assertThat(leadDigest.getList("weeks.met")).containsExactly(false, false, false, false);
        assertThat(leadDigest.getList("lag.readings.period")).containsExactly("2026-09", "2026-10", "2026-11");
        assertThat(leadDigest.getList("lag.readings.value")).containsExactly(12, 16, 18);
        assertThat(leadDigest.getInt("lag.to")).isEqualTo(30);

        // the same digest as of now, from GET
        String id = apt.getString("id");
        given().get("/workplace-meetings/" + id).then().statusCode(200)
                .body("digest.activitiesCarriedOut", org.hamcrest.Matchers.equalTo(4));
    }

    @Test
    void givenAGoalEventThatBreaksItsContract_thenDeadLettered_andTheGoalsConsumerGoesOn() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID wig = UUID.randomUUID();
        String poison = UUID.randomUUID().toString();
        TopicReader.write(kafka, "loop.goals", team.toString(),
                "{\"wigId\": \"%s\", \"teamId\": \"%s\", \"title\": \"No lag measure\"}".formatted(wig, team),
                "ce_specversion", "1.0", "ce_id", poison, "ce_type", "goal.wig-defined.v1",
                "ce_source", "/goal-service", "ce_subject", team.toString(), "ce_time", "2026-11-26T15:00:00Z");
        LoopFixtures.unitAndTeams(kafka, unit, team);

        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(kafka, "loop.dlq.learning-service", PATIENCE,
                read -> read.stream().anyMatch(r -> poison.equals(TopicReader.header(r, "ce_id"))));
        assertThat(dead.stream().filter(r -> poison.equals(TopicReader.header(r, "ce_id")))).hasSize(1);
        await().atMost(PATIENCE).until(() -> count("select count(*) from team_directory where team_id = $1", team) == 1);
        assertThat(count("select count(*) from wig_view where wig_id = $1", wig)).isZero();
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong(0);
    }
}
