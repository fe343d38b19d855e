package org.learningloop.reporting.exports;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.testing.TopicReader;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.reporting.ReportingBeans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.learningloop.testing.SignedIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The exports: NDJSON lines are the team's events in order; the CSV parses, quoting included. */
@QuarkusTest
class ExportsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void eventsAsNdjson_areTheTeamsEventsInOrder_andActivitiesAsCsv_parse() throws Exception {
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-03-02T08:00:00Z"));
        UUID team = scenario.team("North", 3);
        UUID other = scenario.team("South", 2);
        scenario.publishAll(kafka);
        List<LoopScenario.Published> expected = scenario.events().stream()
                .filter(e -> e.key().equals(team) || e.key().equals(scenario.unit)).toList();
        long activities = expected.stream().filter(e -> e.event() instanceof ActivityPlanned).count();
        await().atMost(PATIENCE).until(() -> SignedIn.asAnalyst().get("/teams/" + team + "/history?limit=500").jsonPath()
                .getList("items").size() == expected.size());
        await().atMost(PATIENCE).until(() -> csv(SignedIn.asAnalyst().get("/exports/activities.csv?teamId=" + team).asString())
                .size() == activities + 1);

        String body = SignedIn.asAnalyst().get("/exports/events?teamId=" + team).then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(EventJson.MAPPER.readTree(line));
        }
        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            LoopScenario.Published event = expected.get(i);
            assertThat(line.get("id").asText()).isEqualTo(event.eventId().toString());
            assertThat(line.get("type").asText()).isEqualTo(event.type());
            assertThat(line.get("time").asText()).isEqualTo(event.time().toString());
            assertThat(line.get("subject").asText()).isEqualTo(event.key().toString());
            assertThat(line.get("source").asText()).endsWith("-service");
            assertThat(line.get("data")).isEqualTo(EventJson.MAPPER.readTree(ReportingBeans.CATALOG.encode(event.event())));
        }
        // from inclusive, to exclusive
        Instant from = expected.get(3).time();
        Instant to = expected.get(8).time();
        assertThat(SignedIn.asAnalyst().get("/exports/events?teamId=" + team + "&from=" + from + "&to=" + to).asString().split("\n"))
                .hasSize(5);
        // without a team: every event, both teams' included
        String all = SignedIn.asAnalyst().get("/exports/events").asString();
        assertThat(all).contains(other.toString()).contains(team.toString());

        List<List<String>> rows = csv(SignedIn.asAnalyst().get("/exports/activities.csv?teamId=" + team).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString());
        assertThat(rows.get(0)).isEqualTo(Exports.ACTIVITY_COLUMNS);
        assertThat(rows).hasSize((int) activities + 1);
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> {
            assertThat(row).hasSize(Exports.ACTIVITY_COLUMNS.size());
            assertThat(row.get(1)).isEqualTo(team.toString());
        });
        Map<String, Integer> column = new java.util.HashMap<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            column.put(rows.get(0).get(i), i);
        }
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get(column.get("segment"))).isEqualTo(LoopScenario.SMALL_WORKPLACE);
            assertThat(row.get(column.get("quality_flexibility"))).isEqualTo("3");
            assertThat(row.get(column.get("outcomes"))).isEqualTo("leafletsLeft=1;membersRecruited=1");
            assertThat(row.get(column.get("intention_reached"))).isEqualTo("partly");
        });
        assertThat(rows).anySatisfy(row -> assertThat(row.get(column.get("cancelled"))).isEqualTo("true"));
        assertThat(csv(SignedIn.asAnalyst().get("/exports/activities.csv?unitId=" + scenario.unit).asString()))
                .hasSize((int) scenario.events().stream().filter(e -> e.event() instanceof ActivityPlanned).count() + 1);
    }

    @Test
    void anEventTheProjectionCannotApply_isDeadLettered_andTheBatchContinues() {
        UUID team = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        // decodes (the contract does not require the id) but the activity-facts table needs an activity id
        new LoopScenario.Published("loop.activities", team, "activity.cancelled.v1", Instant.parse("2026-04-01T10:00:00Z"),
                "activity-none", 1, new ActivityCancelled(null, team, unit, "no id"), poison).publish(kafka);
        UUID activity = UUID.randomUUID();
        new LoopScenario.Published("loop.activities", team, "activity.cancelled.v1", Instant.parse("2026-04-01T10:01:00Z"),
                "activity-" + activity, 2, new ActivityCancelled(activity, team, unit, "fine"), UUID.randomUUID())
                .publish(kafka);
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(kafka, "loop.dlq.reporting-service", PATIENCE,
                read -> read.stream().anyMatch(r -> poison.toString().equals(TopicReader.header(r, "ce_id"))
                        && "activity-facts".equals(TopicReader.header(r, "dead-letter-projection"))));
        // every projection that cannot apply it dead-letters its own copy; activity-facts' once
        assertThat(dead.stream().filter(r -> poison.toString().equals(TopicReader.header(r, "ce_id"))
                && "activity-facts".equals(TopicReader.header(r, "dead-letter-projection"))))
                .singleElement().satisfies(r -> {
                    assertThat(TopicReader.header(r, "dead-letter-projection")).isEqualTo("activity-facts");
                    assertThat(TopicReader.header(r, "dead-letter-reason")).contains("cannot be applied");
                });
        await().atMost(PATIENCE).until(() -> csv(SignedIn.asAnalyst().get("/exports/activities.csv?teamId=" + team).asString())
                .size() == 2);
        // team-history took both
        await().atMost(PATIENCE).until(() -> SignedIn.asAnalyst().get("/teams/" + team + "/history").jsonPath()
                .getList("items").size() == 2);
    }

    @Test
    void badParameters_are400ProblemsNamingTheParameter() {
        bad("/exports/events?teamId=nope", "teamId");
        bad("/exports/events?from=yesterday", "from");
        bad("/exports/events?from=2026-11-02T10:00:00Z&to=2026-11-02T09:00:00Z", "to");
        bad("/exports/activities.csv?unitId=nope", "unitId");
        bad("/exports/activities.csv?to=soon", "to");
    }

    private static void bad(String url, String field) {
        SignedIn.asAnalyst().get(url).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    /** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
