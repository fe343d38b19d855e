package org.learningloop.activity.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learningloop.activity.loop.ActivityFixtures.Design;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.testing.TopicReader;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.activity.loop.ActivityFixtures.CARRY_OUT;
import static org.learningloop.activity.loop.ActivityFixtures.EVALUATE;
import static org.learningloop.activity.loop.ActivityFixtures.planned;
import static org.learningloop.activity.loop.ActivityFixtures.post;

/** The loop reaches the real broker: planned, carried out and evaluated, keyed by team, as CloudEvents, in their schemas. */
@QuarkusTest
class ActivityEventsOnTopicTest {

    private static final List<String> LOOP = List.of("activity.planned.v1", "activity.carried-out.v1", "activity.evaluated.v1");

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @BeforeEach
    void segmentsExist() {
    }

    @Test
    void givenPlannedActivity_whenCarriedOutAndEvaluated_thenThreeEventsOnLoopActivities_keyedByTeam_asCloudEvents_inTheirSchemas()
            throws Exception {
        Design design = ActivityFixtures.design(pool, store);
        String id = planned(design, "2026-11-26T09:00:00Z");
        post(id, "carry-out", "\"1\"", CARRY_OUT).then().statusCode(200);
        post(id, "evaluate", "\"2\"", EVALUATE).then().statusCode(200);
        String team = design.teamId().toString();

        List<ConsumerRecord<String, String>> ours = TopicReader.readUntil(kafka, ActivityEvents.TOPIC, Duration.ofSeconds(60),
                        read -> read.stream().filter(r -> isOfActivity(r, id)).count() >= 3)
                .stream().filter(r -> isOfActivity(r, id)).toList();

        assertThat(ours).extracting(r -> TopicReader.header(r, "ce_type")).containsExactlyElementsOf(LOOP);
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<String, String> record : ours) {
            assertThat(record.key()).isEqualTo(team);
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(team);
            assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/activity-service");
            assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
            assertThat(TopicReader.header(record, "ce_time")).isNotBlank();
            assertThat(TopicReader.header(record, "ce_streamid")).isEqualTo("activity-" + id);
            assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
            assertFitsItsSchema(record);
        }

        ActivityCarriedOut carried = (ActivityCarriedOut) ActivityEvents.CATALOG.decode("activity.carried-out.v1",
                ours.get(1).value());
        assertThat(carried).isEqualTo(new ActivityCarriedOut(UUID.fromString(id), design.teamId(), design.unitId(),
                "workplace-visit", null, design.designId(), 1, "call-centre", Instant.parse("2026-11-26T09:30:00Z"),
                4, 5, IntentionReached.PARTLY, carried.adaptations(), Map.of("membersRecruited", 3)));
        assertThat(carried.adaptations()).hasSize(1);
        JsonNode payload = json.readTree(ours.get(1).value());
        assertThat(payload.has("carriedOutAt")).isTrue();
        assertThat(payload.get("outcomes").get("membersRecruited").isInt()).isTrue();
    }

    @Test
    void givenCarriedOutActivityAndAnotherPlanned_whenFeedbackGivenAndTheOtherCancelled_thenBothOnTheTopicInTheirSchemas()
            throws Exception {
        Design design = ActivityFixtures.design(pool, store);
        String carried = planned(design, "2026-11-26T09:00:00Z");
        post(carried, "carry-out", "\"1\"", CARRY_OUT).then().statusCode(200);
        post(carried, "feedback", "\"2\"", ActivityFixtures.feedback(ActivityFixtures.ANNA, ActivityFixtures.BO))
                .then().statusCode(200);
        String cancelled = planned(design, "2026-11-27T09:00:00Z");
        post(cancelled, "cancel", "\"1\"", "{\"reason\": \"The workplace closed\"}").then().statusCode(200);

        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(kafka, ActivityEvents.TOPIC, Duration.ofSeconds(60),
                records -> records.stream().anyMatch(r -> isOfActivity(r, carried)
                        && "activity.feedback-given.v1".equals(TopicReader.header(r, "ce_type")))
                        && records.stream().anyMatch(r -> isOfActivity(r, cancelled)
                        && "activity.cancelled.v1".equals(TopicReader.header(r, "ce_type"))));
        for (ConsumerRecord<String, String> record : read.stream()
                .filter(r -> isOfActivity(r, carried) || isOfActivity(r, cancelled)).toList()) {
            assertThat(record.key()).isEqualTo(design.teamId().toString());
            assertFitsItsSchema(record);
        }
    }

    private void assertFitsItsSchema(ConsumerRecord<String, String> record) throws Exception {
        String type = TopicReader.header(record, "ce_type");
        ObjectMapper json = new ObjectMapper();
        JsonSchema schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/" + type + ".schema.json")) {
            assertThat(in).as("schema of %s", type).isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json.readTree(in));
        }
        JsonNode payload = json.readTree(record.value());
        assertThat(schema.validate(payload)).as("%s against its schema", type).isEmpty();
    }

    private static boolean isOfActivity(ConsumerRecord<String, String> record, String activityId) {
        return ("activity-" + activityId).equals(TopicReader.header(record, "ce_streamid"));
    }
}
