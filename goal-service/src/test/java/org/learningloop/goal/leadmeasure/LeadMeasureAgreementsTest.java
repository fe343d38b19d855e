package org.learningloop.goal.leadmeasure;

import org.learningloop.goal.OrganisationFixtures;

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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.active;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.events;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.proposed;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.teamWig;

/**
 * learning-service's {@code learning.agreement-made.v1} on {@code loop.learning}, through the real broker: a
 * replace-lead-measure agreement retires one lead measure and activates its replacement once, recording the agreement.
 */
@QuarkusTest
class LeadMeasureAgreementsTest {

    private static final String RETIRED = "goal.lead-measure-retired";
    private static final String ACTIVATED = "goal.lead-measure-activated";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenReplaceAgreementDeliveredTwice_thenOldRetiredAndNewActivatedOnce_withTheAgreementOnBothEvents() {
        OrganisationFixtures.Team organisation = OrganisationFixtures.team();
        UUID team = organisation.teamId();
        UUID unit = organisation.unitId();
        UUID wig = teamWig(team, unit);
        UUID old = active(wig, "Leaflets");
        UUID replacement = proposed(wig, "Workplace visits", true, true);
        UUID agreement = UUID.randomUUID();
        UUID meeting = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        String payload = agreement(agreement, meeting, unit, team, "replace-lead-measure", old, replacement,
                "Leaflets are handed out well and the lag measure does not move");
        publish(team, eventId, payload);
        publish(team, eventId, payload);
        UUID[] sentinel = sentinelReplacement(team, unit, wig);

        // the sentinel follows both copies in the team's partition: once it is applied, so are they
        await().atMost(PATIENCE).until(() -> events(pool, sentinel[0], RETIRED) == 1);
        assertThat(events(pool, old, RETIRED)).isEqualTo(1);
        assertThat(events(pool, old)).isEqualTo(3);
        assertThat(events(pool, replacement, ACTIVATED)).isEqualTo(1);
        assertThat(events(pool, replacement)).isEqualTo(2);

        Row retired = event(old, RETIRED);
        Row activated = event(replacement, ACTIVATED);
        assertThat(retired.getString("agreement_id")).isEqualTo(agreement.toString());
        assertThat(activated.getString("agreement_id")).isEqualTo(agreement.toString());
        assertThat(retired.getString("replaced_by")).isEqualTo(replacement.toString());
        assertThat(activated.getString("replaces")).isEqualTo(old.toString());
        assertThat(retired.getString("evidence_ref")).isEqualTo("workplace-meeting:" + meeting);
        assertThat(activated.getString("evidence_ref")).isEqualTo("workplace-meeting:" + meeting);
        // the agreement's rationale is the reason, stored sealed (ADR 18) and read where the service answers
        assertThat(SealedText.isSealed(retired.getString("reason"))).as(retired.getString("reason")).isTrue();
        assertThat(retired.getString("causation_id")).isEqualTo(eventId);
        assertThat(activated.getString("causation_id")).isEqualTo(eventId);
        assertThat(Instant.parse(activated.getString("active_from")).truncatedTo(ChronoUnit.MICROS))
                .as("a replacement counts from the decision's time, said explicitly")
                .isEqualTo(activated.getOffsetDateTime("occurred_at").toInstant().truncatedTo(ChronoUnit.MICROS));

        given().get("/lead-measures/" + old).then().statusCode(200).body("status", equalTo("retired"))
                .body("replacedBy", equalTo(replacement.toString()))
                .body("retirement.reason", equalTo("Leaflets are handed out well and the lag measure does not move"));
        given().get("/lead-measures/" + replacement).then().statusCode(200).body("status", equalTo("active"))
                .body("activation.agreementId", equalTo(agreement.toString()));
        given().queryParam("wigId", wig).queryParam("status", "active").get("/lead-measures").then().statusCode(200)
                .body("items.id", equalTo(List.of(replacement.toString(), sentinel[1].toString())));
        // an empty rationale gives the default reason
        given().get("/lead-measures/" + sentinel[0]).then().statusCode(200)
                .body("retirement.reason", equalTo(LeadMeasureAgreements.DEFAULT_REASON));
    }

    @Test
    void givenReplacementAlreadyDoneByTheSameAgreement_whenPublishedAgainUnderANewEventId_thenNoOpAndNoDeadLetter() {
        OrganisationFixtures.Team organisation = OrganisationFixtures.team();
        UUID team = organisation.teamId();
        UUID unit = organisation.unitId();
        UUID wig = teamWig(team, unit);
        UUID old = active(wig, "Leaflets");
        UUID replacement = proposed(wig, "Workplace visits", true, true);
        UUID agreement = UUID.randomUUID();
        String payload = agreement(agreement, UUID.randomUUID(), unit, team, "replace-lead-measure", old, replacement,
                "Visits instead");
        publish(team, UUID.randomUUID().toString(), payload);
        await().atMost(PATIENCE).until(() -> events(pool, old, RETIRED) == 1);

        String republished = UUID.randomUUID().toString();
        publish(team, republished, payload);
        String poison = UUID.randomUUID().toString();
        publish(team, poison, agreement(UUID.randomUUID(), UUID.randomUUID(), unit, team, "replace-lead-measure",
                UUID.randomUUID(), UUID.randomUUID(), "Unknown lead measures"));

        // dead letters of one team keep their order: once the later poison is there, the republished one would be too
        List<ConsumerRecord<String, String>> dead = deadLettersUntil(team, poison);
        assertThat(dead).extracting(r -> TopicReader.header(r, "ce_id")).doesNotContain(republished);
        assertThat(events(pool, old)).isEqualTo(3);
        assertThat(events(pool, replacement)).isEqualTo(2);
    }

    @Test
    void givenOtherKindsAndAgreementsTheRulesRefuse_thenOthersIgnored_andRefusedOnesDeadLettered_withNothingStored() {
        OrganisationFixtures.Team organisation = OrganisationFixtures.team();
        UUID team = organisation.teamId();
        UUID unit = organisation.unitId();
        UUID wig = teamWig(team, unit);
        UUID kept = active(wig, "Leaflets");
        UUID notPredictive = proposed(wig, "Social media posts", false, true);

        publish(team, UUID.randomUUID().toString(), agreement(UUID.randomUUID(), UUID.randomUUID(), unit, team,
                "keep-lead-measure", kept, null, "Keep going"));
        String unknown = UUID.randomUUID().toString();
        publish(team, unknown, agreement(UUID.randomUUID(), UUID.randomUUID(), unit, team, "replace-lead-measure",
                UUID.randomUUID(), notPredictive, "No such old one"));
        String refused = UUID.randomUUID().toString();
        publish(team, refused, agreement(UUID.randomUUID(), UUID.randomUUID(), unit, team, "replace-lead-measure",
                kept, notPredictive, "Posts instead"));
        String incomplete = UUID.randomUUID().toString();
        publish(team, incomplete, agreement(UUID.randomUUID(), UUID.randomUUID(), unit, team, "replace-lead-measure",
                kept, null, "Replace by what?"));

        List<ConsumerRecord<String, String>> dead = deadLettersUntil(team, incomplete);
        assertThat(reason(dead, unknown)).contains("There is no lead measure");
        assertThat(reason(dead, refused)).contains("not predictive");
        assertThat(reason(dead, incomplete)).contains("does not name both");
        assertThat(dead).hasSize(3);

        assertThat(events(pool, kept)).isEqualTo(2);
        assertThat(events(pool, notPredictive)).isEqualTo(1);
        given().get("/lead-measures/" + kept).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void givenReplaceAgreementForAWigClosedSince_thenDeadLetteredAsWigClosed_andOldStaysActive_withNothingStored() {
        OrganisationFixtures.Team organisation = OrganisationFixtures.team();
        UUID team = organisation.teamId();
        UUID unit = organisation.unitId();
        UUID wig = teamWig(team, unit);
        UUID old = active(wig, "Leaflets");
        UUID replacement = proposed(wig, "Workplace visits", true, true);
        given().header("If-Match", "\"1\"").post("/wigs/" + wig + "/achieve").then().statusCode(200);

        String closed = UUID.randomUUID().toString();
        publish(team, closed, agreement(UUID.randomUUID(), UUID.randomUUID(), unit, team, "replace-lead-measure",
                old, replacement, "Visits instead"));

        List<ConsumerRecord<String, String>> dead = deadLettersUntil(team, closed);
        assertThat(reason(dead, closed)).contains("achieved or abandoned").contains("can no longer be activated");
        assertThat(dead).hasSize(1);

        assertThat(events(pool, old)).isEqualTo(2);
        assertThat(events(pool, replacement)).isEqualTo(1);
        given().get("/lead-measures/" + old).then().statusCode(200).body("status", equalTo("active"));
        given().get("/lead-measures/" + replacement).then().statusCode(200).body("status", equalTo("proposed"));
    }

    /** Publishes a replacement of a fresh active lead measure of {@code wig} (with an empty rationale); {old, new}. */
    private UUID[] sentinelReplacement(UUID team, UUID unit, UUID wig) {
        UUID old = active(wig, "Sentinel old");
        UUID replacement = proposed(wig, "Sentinel new", true, true);
        publish(team, UUID.randomUUID().toString(), agreement(UUID.randomUUID(), UUID.randomUUID(), unit, team,
                "replace-lead-measure", old, replacement, ""));
        return new UUID[]{old, replacement};
    }

    private void publish(UUID team, String eventId, String payload) {
        TopicReader.write(kafka, "loop.learning", team.toString(), payload,
                "ce_specversion", "1.0", "ce_id", eventId, "ce_type", "learning.agreement-made.v1",
                "ce_source", "/learning-service", "ce_subject", team.toString(), "ce_time", "2026-11-27T15:00:00Z");
    }

    private static String agreement(UUID agreementId, UUID meetingId, UUID unit, UUID team, String kind, UUID leadMeasureId,
                                    UUID replacementId, String rationale) {
        return """
                {"agreementId": "%s", "workplaceMeetingId": "%s", "unitId": "%s", "teamId": "%s", "month": "2026-11",
                 "kind": "%s", %s %s "rationale": "%s", "learningIds": [], "activityIds": []}"""
                .formatted(agreementId, meetingId, unit, team, kind,
                        leadMeasureId == null ? "" : "\"leadMeasureId\": \"" + leadMeasureId + "\",",
                        replacementId == null ? "" : "\"replacementLeadMeasureId\": \"" + replacementId + "\",",
                        rationale);
    }

    private List<ConsumerRecord<String, String>> deadLettersUntil(UUID team, String eventId) {
        return TopicReader.readUntil(kafka, "loop.dlq.goal-service", PATIENCE,
                        read -> read.stream().anyMatch(r -> eventId.equals(TopicReader.header(r, "ce_id"))))
                .stream().filter(r -> team.toString().equals(r.key())).toList();
    }

    private static String reason(List<ConsumerRecord<String, String>> dead, String eventId) {
        return dead.stream().filter(r -> eventId.equals(TopicReader.header(r, "ce_id"))).findFirst()
                .map(r -> TopicReader.header(r, "dead-letter-reason")).orElseThrow();
    }

    private Row event(UUID leadMeasureId, String type) {
        return pool.preparedQuery("""
                        select payload->>'agreementId' as agreement_id, payload->>'evidenceRef' as evidence_ref,
                               payload->>'reason' as reason, payload->>'replacedByLeadMeasureId' as replaced_by,
                               payload->>'replacesLeadMeasureId' as replaces, metadata->>'causationId' as causation_id,
                               payload->>'activeFrom' as active_from, occurred_at
                        from event_store where stream_id = $1 and event_type = $2""")
                .execute(Tuple.of("lead-measure-" + leadMeasureId, type))
                .map(rows -> rows.iterator().next()).await().indefinitely();
    }
}
