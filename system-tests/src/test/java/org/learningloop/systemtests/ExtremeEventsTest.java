package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.testing.ExtremeEvents;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gate admits, every consumer of every service reads: for every event type, a record at each edge of its
 * schema (longest texts, largest and smallest numbers, first and last dates, many items) is published on its topic,
 * and every consumer takes it — applies it or, for a fact its domain does not know, refuses it by name — without
 * one failing to read it. Before, {@code 1e-1001} passed and dead-lettered in every consumer of {@code loop.goals}.
 */
class ExtremeEventsTest {

    private static final EventCatalog ALL =
            EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);
    private static final Map<String, String> TOPIC = Map.of("goal", "loop.goals", "activity", "loop.activities",
            "learning", "loop.learning");
    private static final List<String> DEAD_LETTERS = List.of("loop.dlq.goal-service", "loop.dlq.activity-service",
            "loop.dlq.learning-service", "loop.dlq.reporting-service");

    @Test
    void everyConsumerReadsTheExtremesTheGateAdmits() throws Exception {
        RunningSystem system = RunningSystem.get();
        String kafka = system.kafka().bootstrapServers();
        Set<String> sent = new HashSet<>();
        Map<String, String> typeOf = new HashMap<>();
        Map<String, String> ownerOf = new HashMap<>();
        Map<String, UUID> teamOf = new HashMap<>();
        for (EventType<?> type : ALL.types()) {
            for (ExtremeEvents.Edge edge : ExtremeEvents.Edge.values()) {
                ObjectNode payload = ExtremeEvents.payload(type, edge, UUID.randomUUID(), UUID.randomUUID());
                LoopEvent event = ALL.decode(type.name(), type.version(), payload.toString(), Instant.now());
                String id = UUID.randomUUID().toString();
                String owner = type.name().substring(0, type.name().indexOf('.'));
                TopicReader.write(kafka, TOPIC.get(owner), event.subject(), ALL.encodeChecked(event),
                        "ce_specversion", "1.0", "ce_id", id, "ce_type", type.ceType(),
                        "ce_source", "/" + owner + "-service", "ce_subject", event.subject(),
                        "ce_time", Instant.now().toString(), "content-type", "application/json",
                        "ce_streamid", "extreme-" + id, "ce_streamversion", "1");
                sent.add(id);
                ownerOf.put(id, owner + "-service");
                if (event.teamId() != null) {
                    teamOf.put(id, event.teamId());
                }
                typeOf.put(id, type.ceType() + " " + edge);
            }
        }

        // every consumer has taken every record of its topics: in its inbox, or dead-lettered
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                .until(() -> untaken(system, ownerOf).isEmpty());
        // and reporting-service's team history holds every team's event (or dead-lettered it)
        var client = system.steps().client();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Set<String> dead = deadLettered(kafka);
                    return teamOf.entrySet().stream().allMatch(sentToTeam -> dead.contains(sentToTeam.getKey())
                            || client.get(client.endpoints().reporting(), "/teams/" + sentToTeam.getValue() + "/history")
                            .path("items").findValuesAsText("eventId").contains(sentToTeam.getKey()));
                });

        List<String> unreadable = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String topic : DEAD_LETTERS) {
            for (ConsumerRecord<String, String> dead : TopicReader.readToEnd(kafka, topic)) {
                String id = TopicReader.header(dead, "ce_id");
                if (sent.contains(id)) {
                    String reason = TopicReader.header(dead, "dead-letter-reason");
                    String entry = typeOf.get(id) + " in " + topic + ": " + reason;
                    (reason != null && reason.contains("Refused by the domain") ? refused : unreadable).add(entry);
                }
            }
        }
        System.out.printf("Extreme events: %d sent, %d refused by a domain (a fact it does not know), %d unreadable%n",
                sent.size(), refused.size(), unreadable.size());
        refused.forEach(entry -> System.out.println("  refused: " + entry));
        assertThat(sent).hasSize(ALL.types().size() * 2);
        assertThat(unreadable).as("records a consumer could not read").isEmpty();
    }

    private static Set<String> deadLettered(String kafka) {
        Set<String> ids = new HashSet<>();
        TopicReader.readToEnd(kafka, "loop.dlq.reporting-service")
                .forEach(record -> ids.add(TopicReader.header(record, "ce_id")));
        return ids;
    }

    /**
     * Sent ids (with the service whose topic carries them) that a consumer of that topic has neither recorded in its
     * inbox nor dead-lettered yet (reporting-service's projections dead-letter too; their progress is not waited for).
     */
    private static Set<String> untaken(RunningSystem system, Map<String, String> ownerOf) throws Exception {
        Set<String> missing = new HashSet<>();
        Set<String> dead = new HashSet<>();
        for (String topic : DEAD_LETTERS) {
            for (ConsumerRecord<String, String> record : TopicReader.readToEnd(system.kafka().bootstrapServers(), topic)) {
                dead.add(TopicReader.header(record, "ce_id"));
            }
        }
        for (SystemAudit.ConsumerOf consumer : SystemAudit.CONSUMERS) {
            Set<String> seen = new HashSet<>();
            var postgres = system.postgres();
            try (var connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl(system.database(consumer.service())),
                    postgres.user(), postgres.password());
                 var statement = connection.prepareStatement("select event_id::text from inbox where consumer = ?")) {
                statement.setString(1, consumer.name());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        seen.add(rows.getString(1));
                    }
                }
            }
            ownerOf.forEach((id, owner) -> {
                if (consumer.owners().contains(owner) && !seen.contains(id) && !dead.contains(id)) {
                    missing.add(id);
                }
            });
        }
        return missing;
    }
}
