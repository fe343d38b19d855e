package org.learningloop.activity.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.TopicReader;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.learningloop.activity.design.DesignFixtures.created;
import static org.learningloop.activity.design.DesignFixtures.revise;

/** What the service stores (and the relay publishes) for designs fits the published JSON Schema of each type. */
@QuarkusTest
class DesignEventSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenEveryDesignCommand_thenEachStoredPayloadFitsItsSchema() throws Exception {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID design = created(unit, team, "Schema visit");
        revise(design, "\"1\"", "{\"hypothesis\": \"Better\", \"rationale\": \"Learned\"}").then().statusCode(200);
        // an agreement's revision carries no element: the smallest payload the schema must still accept
        TopicReader.write(kafka, "loop.learning", team.toString(), """
                        {"agreementId": "%s", "workplaceMeetingId": "%s", "unitId": "%s", "teamId": "%s", "month": "2026-11",
                         "kind": "revise-design", "designId": "%s", "rationale": "", "learningIds": [], "activityIds": []}"""
                        .formatted(UUID.randomUUID(), UUID.randomUUID(), unit, team, design),
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "learning.agreement-made.v1",
                "ce_source", "/learning-service", "ce_subject", team.toString(), "ce_time", "2026-11-27T15:00:00Z");
        await().atMost(Duration.ofSeconds(60)).until(() -> DesignFixtures.events(pool, design) == 3);
        String fork = given().contentType(ContentType.JSON).body("{\"segments\": [\"small-6-30\"]}")
                .post("/designs/" + design + "/fork").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body("{\"reason\": \"Forked\"}")
                .post("/designs/" + design + "/retire").then().statusCode(200);

        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("""
                        select event_type, type_version, payload::text as payload from event_store
                        where stream_id = $1 or stream_id = $2 order by global_position""")
                .execute(Tuple.of("design-" + design, "design-" + fork))
                .await().indefinitely().forEach(rows::add);
        assertThat(rows).extracting(row -> row.getString("event_type")).containsExactly("activity.design-created",
                "activity.design-revised", "activity.design-revised", "activity.design-forked", "activity.design-retired");
        for (Row row : rows) {
            String type = row.getString("event_type") + ".v" + row.getInteger("type_version");
            try (InputStream schema = getClass().getClassLoader().getResourceAsStream("schemas/" + type + ".schema.json")) {
                assertThat(schema).as("schema of %s", type).isNotNull();
                JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(JSON.readTree(schema));
                JsonNode payload = JSON.readTree(row.getString("payload"));
                assertThat(validator.validate(payload)).as("schema errors of %s", type).isEmpty();
            }
        }
    }
}
