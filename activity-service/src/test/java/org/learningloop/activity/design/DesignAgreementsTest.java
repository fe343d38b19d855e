package org.learningloop.activity.design;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.SealedText;
import org.learningloop.testing.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.learningloop.activity.design.DesignFixtures.created;
import static org.learningloop.activity.design.DesignFixtures.events;

/**
 * learning-service's {@code learning.agreement-made.v1} on {@code loop.learning}, through the real broker: agreements
 * about designs revise, fork or retire them once each, recording the agreement as the cause.
 */
@QuarkusTest
class DesignAgreementsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenReviseAgreementDeliveredTwiceAndRepublished_thenExactlyOneNewVersionCarryingTheAgreement() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID design = created(unit, team, "Agreed visit");
        UUID agreement = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String payload = agreement(agreement, unit, team, "revise-design", design, null, "Visits need a second slot")
                .replace("\"rationale\"", "\"content\": {\"steps\": [\"Introduce\", \"Offer a second slot\"], "
                        + "\"talkingPoints\": [\"Wages\"]}, \"rationale\"");

        publish(team, eventId, payload);
        publish(team, eventId, payload);                       // redelivered: the inbox knows the event id
        publish(team, UUID.randomUUID().toString(), payload);   // republished: the design knows the agreement
        UUID sentinel = created(unit, team, "Sentinel");
        publish(team, UUID.randomUUID().toString(),
                agreement(UUID.randomUUID(), unit, team, "revise-design", sentinel, null, ""));

        // the sentinel follows all three copies in the team's partition: once it is applied, so are they
        await().atMost(PATIENCE).until(() -> events(pool, sentinel) == 2);
        assertThat(events(pool, design)).isEqualTo(2);
        Row revised = revised(design);
        assertThat(revised.getString("agreement_id")).isEqualTo(agreement.toString());
        assertThat(revised.getString("version")).isEqualTo("2");
        // the agreement's rationale, stored sealed (ADR 18) and read where the service answers (below)
        assertThat(SealedText.isSealed(revised.getString("rationale"))).as(revised.getString("rationale")).isTrue();
        assertThat(revised.getString("causation_id")).isEqualTo(eventId);

        given().get("/designs/" + design).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("agreementIds", equalTo(List.of(agreement.toString())));
        given().get("/designs/" + design + "/versions/2").then().statusCode(200)
                .body("agreementId", equalTo(agreement.toString())).body("changed", equalTo(List.of("content")))
                .body("rationale", equalTo("Visits need a second slot"))
                .body("content.steps", equalTo(List.of("Introduce", "Offer a second slot")))
                .body("frames.durationMinutes", equalTo(45));
        given().queryParam("unitId", unit).get("/designs").then().statusCode(200).body("items[0].version", equalTo(2));
        given().get("/designs/" + sentinel + "/versions/2").then().statusCode(200)
                .body("rationale", equalTo(DesignAgreements.DEFAULT_RATIONALE));

        List<ConsumerRecord<String, String>> published = TopicReader.readUntil(kafka, "loop.activities", PATIENCE,
                read -> read.stream().anyMatch(r -> revisedOn(r, design)));
        ConsumerRecord<String, String> record = published.stream().filter(r -> revisedOn(r, design)).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(team.toString());
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(team.toString());
        assertThat(record.value()).contains("\"agreementId\": \"" + agreement + "\"");
    }

    @Test
    void givenForkAndRetireAgreementsDeliveredTwice_thenOneForkForTheSegment_andTheDesignRetiredOnce() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID design = created(unit, team, "To be forked");
        UUID forkAgreement = UUID.randomUUID();
        UUID retireAgreement = UUID.randomUUID();
        String fork = agreement(forkAgreement, unit, team, "fork-design", design, "small-6-30", "Works for small places");
        String retire = agreement(retireAgreement, unit, team, "retire-design", design, null, "The fork replaces it");

        publish(team, UUID.randomUUID().toString(), fork);
        publish(team, UUID.randomUUID().toString(), fork);
        publish(team, UUID.randomUUID().toString(), retire);
        String last = UUID.randomUUID().toString();
        publish(team, last, retire);
        UUID sentinel = created(unit, team, "Sentinel");
        publish(team, UUID.randomUUID().toString(),
                agreement(UUID.randomUUID(), unit, team, "retire-design", sentinel, null, "Sentinel"));

        await().atMost(PATIENCE).until(() -> events(pool, sentinel) == 2);
        assertThat(events(pool, design)).isEqualTo(2);
        given().get("/designs/" + design).then().statusCode(200).body("status", equalTo("retired"))
                .body("retirement.agreementId", equalTo(retireAgreement.toString()))
                .body("retirement.reason", equalTo("The fork replaces it"));

        UUID forkId = UUID.nameUUIDFromBytes(("fork-design\n" + forkAgreement + "\n" + design)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(events(pool, forkId)).isEqualTo(1);
        assertThat(forks(design)).isEqualTo(1);
        given().get("/designs/" + forkId).then().statusCode(200).body("segments", equalTo(List.of("small-6-30")))
                .body("forkedFrom.designId", equalTo(design.toString())).body("forkedFrom.version", equalTo(1))
                .body("agreementIds", equalTo(List.of(forkAgreement.toString())));
        given().queryParam("unitId", unit).queryParam("segment", "small-6-30").get("/designs").then().statusCode(200)
                .body("items.id", equalTo(List.of(forkId.toString())));
    }

    @Test
    void givenAgreementsTheRulesRefuseOrOtherKinds_thenRefusedOnesDeadLettered_othersIgnored_andNothingStored() {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID design = created(unit, team, "Kept");
        publish(team, UUID.randomUUID().toString(),
                agreement(UUID.randomUUID(), unit, team, "keep-design", design, null, "Keep going"));
        publish(team, UUID.randomUUID().toString(),
                agreement(UUID.randomUUID(), unit, team, "replace-lead-measure", null, null, "Not ours"));
        String unknown = UUID.randomUUID().toString();
        publish(team, unknown, agreement(UUID.randomUUID(), unit, team, "revise-design", UUID.randomUUID(), null, "Which?"));
        String noSegment = UUID.randomUUID().toString();
        publish(team, noSegment, agreement(UUID.randomUUID(), unit, team, "fork-design", design, null, "For what?"));
        String noDesign = UUID.randomUUID().toString();
        publish(team, noDesign, agreement(UUID.randomUUID(), unit, team, "retire-design", null, null, "Retire what?"));

        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(kafka, "loop.dlq.activity-service", PATIENCE,
                        read -> read.stream().anyMatch(r -> noDesign.equals(TopicReader.header(r, "ce_id"))))
                .stream().filter(r -> team.toString().equals(r.key())).toList();
        assertThat(dead).extracting(r -> TopicReader.header(r, "ce_id")).containsExactly(unknown, noSegment, noDesign);
        assertThat(reason(dead, unknown)).contains("There is no design");
        assertThat(reason(dead, noSegment)).contains("names no segment");
        assertThat(reason(dead, noDesign)).contains("names none");
        assertThat(events(pool, design)).isEqualTo(1);
        given().queryParam("unitId", unit).get("/designs").then().statusCode(200)
                .body("items.id", equalTo(List.of(design.toString())));
    }

    private void publish(UUID team, String eventId, String payload) {
        TopicReader.write(kafka, "loop.learning", team.toString(), payload,
                "ce_specversion", "1.0", "ce_id", eventId, "ce_type", "learning.agreement-made.v1",
                "ce_source", "/learning-service", "ce_subject", team.toString(), "ce_time", "2026-11-27T15:00:00Z");
    }

    private static String agreement(UUID agreementId, UUID unit, UUID team, String kind, UUID designId, String segment,
                                    String rationale) {
        return """
                {"agreementId": "%s", "workplaceMeetingId": "%s", "unitId": "%s", "teamId": "%s", "month": "2026-11",
                 "kind": "%s", %s %s "rationale": "%s", "learningIds": [], "activityIds": []}"""
                .formatted(agreementId, UUID.randomUUID(), unit, team, kind,
                        designId == null ? "" : "\"designId\": \"" + designId + "\",",
                        segment == null ? "" : "\"segment\": \"" + segment + "\",", rationale);
    }

    private static boolean revisedOn(ConsumerRecord<String, String> record, UUID design) {
        return "activity.design-revised.v1".equals(TopicReader.header(record, "ce_type"))
                && record.value().contains(design.toString());
    }

    private static String reason(List<ConsumerRecord<String, String>> dead, String eventId) {
        return dead.stream().filter(r -> eventId.equals(TopicReader.header(r, "ce_id"))).findFirst()
                .map(r -> TopicReader.header(r, "dead-letter-reason")).orElseThrow();
    }

    private Row revised(UUID design) {
        return pool.preparedQuery("""
                        select payload->>'agreementId' as agreement_id, payload->>'version' as version,
                               payload->>'rationale' as rationale, metadata->>'causationId' as causation_id
                        from event_store where stream_id = $1 and event_type = 'activity.design-revised'""")
                .execute(Tuple.of("design-" + design))
                .map(rows -> rows.iterator().next()).await().indefinitely();
    }

    private long forks(UUID source) {
        return pool.preparedQuery("""
                        select count(*) from event_store
                        where event_type = 'activity.design-forked' and payload->>'forkedFromDesignId' = $1""")
                .execute(Tuple.of(source.toString()))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }
}
