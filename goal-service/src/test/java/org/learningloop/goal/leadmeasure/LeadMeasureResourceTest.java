package org.learningloop.goal.leadmeasure;

import org.learningloop.contracts.Periods;
import org.learningloop.goal.OrganisationFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.WigEvent;
import org.learningloop.goal.wig.WigCommand;
import org.learningloop.goal.wig.WigDecider;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.PROBLEM;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.active;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.events;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.propose;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.proposal;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.proposed;
import static org.learningloop.goal.leadmeasure.LeadMeasureFixtures.teamWig;

@QuarkusTest
class LeadMeasureResourceTest {

    @Inject
    Pool pool;

    @Inject
    CommandHandler handler;

    @Inject
    LoopConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    // ---- propose -------------------------------------------------------------------------------------------

    @Test
    void givenActiveTeamWig_whenProposed_then201WithLocationAndETag_andReadable_andEventOnLoopGoalsKeyedByTeam() {
        OrganisationFixtures.Team organisation = OrganisationFixtures.team();
        UUID team = organisation.teamId();
        UUID unit = organisation.unitId();
        UUID wig = teamWig(team, unit);

        Response created = propose(proposal(wig, "Workplace visits", true, true));

        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", containsString("/lead-measures/"))
                .body("wigId", equalTo(wig.toString()))
                .body("teamId", equalTo(team.toString()))
                .body("unitId", equalTo(unit.toString()))
                .body("status", equalTo("proposed"))
                .body("activityType", equalTo("workplace-visit"))
                .body("weeklyTarget", equalTo(5))
                .body("checklist.predictive.met", equalTo(true))
                .body("checklist.teamOwned.justification", equalTo("No one else needs to act"))
                .body("readings", hasSize(0))
                .body("version", equalTo(1));
        String id = created.jsonPath().getString("id");
        given().get(created.header("Location")).then().statusCode(200).header("ETag", "\"1\"")
                .body("id", equalTo(id)).body("status", equalTo("proposed"));

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka, "loop.goals", Duration.ofSeconds(60),
                read -> read.stream().anyMatch(r -> isLeadMeasureEvent(r, team, "goal.lead-measure-proposed.v1")));
        ConsumerRecord<String, String> record = records.stream()
                .filter(r -> isLeadMeasureEvent(r, team, "goal.lead-measure-proposed.v1")).findFirst().orElseThrow();
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(team.toString());
        assertThat(record.value()).contains("\"leadMeasureId\": \"" + id + "\"").contains("\"activityType\": \"workplace-visit\"");
    }

    @Test
    void givenMissingOrOutOfRangeFields_whenProposed_then400NamingEachField_andNothingStored() {
        long before = LeadMeasureFixtures.storedEvents(pool);

        given().contentType(ContentType.JSON).body("{\"checklist\": {\"predictive\": {}}}").post("/lead-measures")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItems("wigId", "name", "activityType", "weeklyTarget", "hypothesis",
                        "checklist.predictive.met", "checklist.influenceable", "checklist.measurable",
                        "checklist.teamOwned", "checklist.ongoing"));

        UUID wig = UUID.randomUUID();
        String valid = proposal(wig, "Visits", true, true);
        expect400(valid.replace("\"weeklyTarget\": 5", "\"weeklyTarget\": 0"), "weeklyTarget");
        expect400(valid.replace("\"weeklyTarget\": 5", "\"weeklyTarget\": 1001"), "weeklyTarget");
        expect400(valid.replace("\"workplace-visit\"", "\"Workplace Visit\""), "activityType");
        expect400(valid.replace("\"workplace-visit\"", "\"workplace--visit\""), "activityType");
        expect400(valid.replace("\"name\": \"Visits\"", "\"name\": \"  \""), "name");
        expect400(valid.replace("Every week", "x".repeat(501)), "checklist.ongoing.justification");
        expect400(valid.replace("\"checklist\": {", "\"checklist\": null, \"unused\": {"), "unused");
        given().contentType(ContentType.JSON).body("{}").post("/lead-measures")
                .then().statusCode(400).body("errors.field", hasItem("checklist"));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    @Test
    void givenWrongTypesOrMalformedJson_whenProposed_then400NamingTheField() {
        String valid = proposal(UUID.randomUUID(), "Visits", true, true);
        expect400(valid.replace("\"weeklyTarget\": 5", "\"weeklyTarget\": \"five\""), "weeklyTarget");
        expect400(valid.replace("\"wigId\": \"", "\"wigId\": \"x"), "wigId");
        expect400(valid.replace("\"predictive\": {\"met\": true", "\"predictive\": {\"met\": \"maybe\""),
                "checklist.predictive.met");
        expect400(valid.replace("\"checklist\": {", "\"checklist\": [{").replace("}}}", "}}]}"), "checklist");
        expect400(valid.replace("\"name\"", "\"nmae\""), "nmae");
        given().contentType(ContentType.JSON).body("{\"wigId\": ").post("/lead-measures")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"));
        given().contentType(ContentType.JSON).post("/lead-measures").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.TEXT).body("hello").post("/lead-measures").then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void givenUnknownWig_whenProposed_then422WigNotFound_andNothingStored() {
        long before = LeadMeasureFixtures.storedEvents(pool);
        propose(proposal(UUID.randomUUID(), "Visits", true, true))
                .then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("wig-not-found"))
                .body("errors[0].field", equalTo("wigId"));
        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    @Test
    void givenUnitWigWithoutTeam_whenProposed_then422NotATeamWig_andNothingStored() {
        String unitWig = given().contentType(ContentType.JSON).body("""
                        {"title": "Region grows", "unitId": "%s",
                         "lagMeasure": {"metric": "net-new-members", "unit": "members/month", "from": 10, "to": 30,
                                        "startDate": "2026-09-01", "deadline": "2027-06-30"}}
                        """.formatted(OrganisationFixtures.unit()))
                .post("/wigs").then().statusCode(201).extract().path("id");
        long before = LeadMeasureFixtures.storedEvents(pool);

        propose(proposal(UUID.fromString(unitWig), "Visits", true, true))
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("not-a-team-wig"));
        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    @Test
    void givenAbandonedWig_whenProposed_then409WigClosed_andNothingStored() {
        UUID wig = teamWig();
        Aggregate<WigCommand, WigEvent, org.learningloop.goal.wig.WigState> wigs =
                new Aggregate<>("wig", new WigDecider(), WigEvent.class, GoalEvents.CATALOG);
        handler.handle(wigs, wigs.streamId(wig), new WigCommand.AbandonWig(wig, "The region merged"), Expectation.any(),
                CommandContext.of(Instant.now(), "test")).await().indefinitely();
        long before = LeadMeasureFixtures.storedEvents(pool);

        propose(proposal(wig, "Visits", true, true))
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("wig-closed"));
        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    @Test
    void givenIdempotencyKey_whenRetriedWithSameBody_thenSameAnswerAndOneEvent_andOtherBodyGets422() {
        UUID wig = teamWig();
        String key = UUID.randomUUID().toString();
        String body = proposal(wig, "Idempotent visits", true, true);
        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/lead-measures");
        first.then().statusCode(201);
        long after = LeadMeasureFixtures.storedEvents(pool);

        Response retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/lead-measures");
        retry.then().statusCode(201).header("Location", first.header("Location")).header("ETag", first.header("ETag"));
        assertThat(retry.asString()).isEqualTo(first.asString());

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("Idempotent", "Other"))
                .post("/lead-measures")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("idempotency-key-reused"));
        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(after);
        given().queryParam("wigId", wig).get("/lead-measures").then().statusCode(200).body("items", hasSize(1));
    }

    // ---- activate ------------------------------------------------------------------------------------------

    @Test
    void givenPredictiveAndInfluenceableProposal_whenActivated_thenActive_andActivatingAgainIs409() {
        UUID lead = proposed(teamWig(), "Visits", true, true);

        given().header("If-Match", "\"1\"").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("active")).body("version", equalTo(2));
        assertThat(events(pool, lead, "goal.lead-measure-activated")).isEqualTo(1);

        given().header("If-Match", "\"2\"").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("lead-measure-already-active"));
        assertThat(events(pool, lead)).isEqualTo(2);
    }

    @Test
    void givenProposal_whenActivatedWithActiveFromThreeWeeksAgo_thenActiveFromThen_andTheEventCarriesIt() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        Instant threeWeeksAgo = Instant.now().minus(Duration.ofDays(21)).truncatedTo(ChronoUnit.SECONDS);

        activate(lead, "\"1\"", "{\"activeFrom\": \"" + threeWeeksAgo + "\"}")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("active")).body("activation.activeFrom", equalTo(threeWeeksAgo.toString()));
        given().get("/lead-measures/" + lead).then().statusCode(200)
                .body("activation.activeFrom", equalTo(threeWeeksAgo.toString()));
        assertThat(payload(lead, "goal.lead-measure-activated")).contains("\"activeFrom\": \"" + threeWeeksAgo + "\"");
    }

    @Test
    void givenProposal_whenActivatedByBarePostWithoutBodyOrContentType_thenActiveFromNow() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        Instant before = Instant.now();

        String activeFrom = given().header("If-Match", "\"1\"").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("active"))
                .extract().path("activation.activeFrom");

        assertThat(Instant.parse(activeFrom)).isBetween(before, Instant.now());
        assertThat(payload(lead, "goal.lead-measure-activated")).as("said explicitly in the event")
                .contains("\"activeFrom\": \"" + activeFrom + "\"");
    }

    @Test
    void givenProposal_whenActivatedWithJsonContentTypeAndEmptyBody_thenActiveFromNow() {
        UUID lead = proposed(teamWig(), "Visits", true, true);

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(200).body("status", equalTo("active")).body("activation.activeFrom", notNullValue());
    }

    @Test
    void givenProposal_whenActivatedWithBadBody_then400NamingTheField_andNothingStored() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        long before = LeadMeasureFixtures.storedEvents(pool);

        activate(lead, "\"1\"", "{\"activeFrom\": \"three weeks ago\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("activeFrom"));
        activate(lead, "\"1\"", "{\"activeFrom\": \"\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("activeFrom"));
        activate(lead, "\"1\"", "{\"activeFrom\": \"2026-11-02T07:00:00Z\", \"activeSince\": \"2026-11-02\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("activeSince"));
        activate(lead, "\"1\"", "{\"activeFrom\": ").then().statusCode(400).contentType(PROBLEM);
        activate(lead, "\"1\"", "[]").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.TEXT).header("If-Match", "\"1\"").body("{\"activeFrom\": null}")
                .post("/lead-measures/" + lead + "/activate").then().statusCode(415).contentType(PROBLEM);

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
        given().get("/lead-measures/" + lead).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("proposed"));
    }

    @Test
    void givenProposal_whenActivatedFromTheFutureOrMoreThanTwoYearsBack_then422OnActiveFrom_andNothingStored() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        long before = LeadMeasureFixtures.storedEvents(pool);

        activate(lead, "\"1\"", "{\"activeFrom\": \"" + Instant.now().plus(Duration.ofHours(1)) + "\"}")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("active-from-in-future"))
                .body("errors.field", hasItem("activeFrom"));
        activate(lead, "\"1\"", "{\"activeFrom\": \"" + Instant.now().minus(Duration.ofDays(2 * 366 + 1)) + "\"}")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("active-from-too-early"))
                .body("errors.field", hasItem("activeFrom"));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
        given().get("/lead-measures/" + lead).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("proposed"));
    }

    @Test
    void givenNotPredictiveProposal_whenActivated_then409NamingTheCriterion_andNothingStored() {
        UUID lead = proposed(teamWig(), "Leaflets", false, true);
        long before = LeadMeasureFixtures.storedEvents(pool);

        given().header("If-Match", "\"1\"").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("lead-measure-not-predictive-and-influenceable"))
                .body("detail", containsString("not predictive"))
                .body("detail", not(containsString("not influenceable")));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
        given().get("/lead-measures/" + lead).then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("proposed"));
    }

    @Test
    void givenProposalOfAWigAchievedSince_whenActivated_then409WigClosed_andNothingStored() {
        UUID wig = teamWig();
        UUID lead = proposed(wig, "Visits", true, true);
        given().header("If-Match", "\"1\"").post("/wigs/" + wig + "/achieve").then().statusCode(200);
        long before = LeadMeasureFixtures.storedEvents(pool);

        given().header("If-Match", "\"1\"").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("wig-closed"))
                .body("detail", containsString(wig.toString()));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
        given().get("/lead-measures/" + lead).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("proposed")).body("version", equalTo(1));
        given().queryParam("wigId", wig).queryParam("status", "active").get("/lead-measures")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void givenProposal_whenActivatedWithStaleOrMissingOrBadIfMatch_then412Or428Or400_andNothingStored() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"week\": \"" + lastWeek() + "\", \"count\": 3}").post("/lead-measures/" + lead + "/readings")
                .then().statusCode(200).header("ETag", "\"2\"");
        long before = LeadMeasureFixtures.storedEvents(pool);

        given().header("If-Match", "\"1\"").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(412).contentType(PROBLEM).header("ETag", "\"2\"").body("code", equalTo("stale-version"));
        given().post("/lead-measures/" + lead + "/activate")
                .then().statusCode(428).contentType(PROBLEM).body("code", equalTo("if-match-required"));
        given().header("If-Match", "latest").post("/lead-measures/" + lead + "/activate")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("invalid-if-match"));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    @Test
    void givenUnknownLeadMeasure_thenEveryEndpointAnswers404Problem() {
        UUID unknown = UUID.randomUUID();
        long before = LeadMeasureFixtures.storedEvents(pool);
        given().get("/lead-measures/" + unknown).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("lead-measure-not-found"));
        given().header("If-Match", "\"1\"").post("/lead-measures/" + unknown + "/activate")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("lead-measure-not-found"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"r\"}")
                .post("/lead-measures/" + unknown + "/retire")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("lead-measure-not-found"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"replacementId\": \"" + UUID.randomUUID() + "\", \"reason\": \"r\"}")
                .post("/lead-measures/" + unknown + "/replace")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("lead-measure-not-found"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"week\": \"" + lastWeek() + "\", \"count\": 1}")
                .post("/lead-measures/" + unknown + "/readings")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("lead-measure-not-found"));
        given().get("/lead-measures/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    // ---- retire --------------------------------------------------------------------------------------------

    @Test
    void givenActiveLeadMeasure_whenRetiredWithReason_thenRetired_andRetiringAgainIs409() {
        UUID lead = active(teamWig(), "Visits");

        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"reason\": \"The team chose another activity\"}")
                .post("/lead-measures/" + lead + "/retire")
                .then().statusCode(200).header("ETag", "\"3\"")
                .body("status", equalTo("retired"))
                .body("retirement.reason", equalTo("The team chose another activity"))
                .body("replacedBy", nullValue());

        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body("{\"reason\": \"Again\"}")
                .post("/lead-measures/" + lead + "/retire")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("lead-measure-retired"));
        assertThat(events(pool, lead)).isEqualTo(3);
    }

    @Test
    void givenProposal_whenRetiredWithoutReasonOrStaleOrWithoutIfMatch_then4xx_andNothingStored() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        long before = LeadMeasureFixtures.storedEvents(pool);
        String path = "/lead-measures/" + lead + "/retire";

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{}").post(path)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"" + "x".repeat(501) + "\"}")
                .post(path).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": 42, \"why\": 1}").post(path)
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("If-Match", "\"7\"").body("{\"reason\": \"r\"}").post(path)
                .then().statusCode(412).contentType(PROBLEM).header("ETag", "\"1\"");
        given().contentType(ContentType.JSON).body("{\"reason\": \"r\"}").post(path)
                .then().statusCode(428).contentType(PROBLEM);

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"Not for us\"}").post(path)
                .then().statusCode(200).body("status", equalTo("retired"));
    }

    // ---- replace -------------------------------------------------------------------------------------------

    @Test
    void givenActiveAndProposedOfSameWig_whenReplaced_thenOldRetiredAndNewActivated_withEvidenceOnBothEvents() {
        OrganisationFixtures.Team organisation = OrganisationFixtures.team();
        UUID team = organisation.teamId();
        UUID wig = teamWig(team, organisation.unitId());
        UUID old = active(wig, "Leaflets");
        UUID replacement = proposed(wig, "Workplace visits", true, true);
        long before = LeadMeasureFixtures.storedEvents(pool);

        // an agreement is applied from its agreement-made event only: a client cannot name one
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body("""
                        {"replacementId": "%s", "reason": "Leaflets are handed out well and the lag measure does not move",
                         "agreementId": "%s"}""".formatted(replacement, UUID.randomUUID()))
                .post("/lead-measures/" + old + "/replace")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("agreementId"));
        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);

        List<String> positions = given().contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body("""
                        {"replacementId": "%s", "reason": "Leaflets are handed out well and the lag measure does not move",
                         "evidenceRef": "scoreboard:2026-W48"}""".formatted(replacement))
                .post("/lead-measures/" + old + "/replace")
                .then().statusCode(200).header("ETag", "\"3\"")
                .body("retired.id", equalTo(old.toString()))
                .body("retired.status", equalTo("retired"))
                .body("retired.replacedBy", equalTo(replacement.toString()))
                .body("retired.retirement.agreementId", nullValue())
                .body("retired.version", equalTo(3))
                .body("activated.id", equalTo(replacement.toString()))
                .body("activated.status", equalTo("active"))
                .body("activated.replaces", equalTo(old.toString()))
                .body("activated.activation.evidenceRef", equalTo("scoreboard:2026-W48"))
                .body("activated.activation.activeFrom", notNullValue())
                .body("activated.version", equalTo(2))
                .extract().headers().getValues("Loop-Position");
        // both streams changed: a client can wait for each (ADR 23)
        assertThat(positions).containsExactly("lead-measure-" + old + "@3", "lead-measure-" + replacement + "@2");

        given().get("/lead-measures/" + old).then().statusCode(200).header("ETag", "\"3\"").body("status", equalTo("retired"));
        given().get("/lead-measures/" + replacement).then().statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("active")).body("replaces", equalTo(old.toString()));
        assertThat(events(pool, old, "goal.lead-measure-retired")).isEqualTo(1);
        assertThat(events(pool, replacement, "goal.lead-measure-activated")).isEqualTo(1);
        given().queryParam("teamId", team).queryParam("status", "active").get("/lead-measures")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(replacement.toString()))
                .body("items[0].replaces", equalTo(old.toString()));
    }

    @Test
    void givenReplacementNotPredictive_whenReplaced_then409_andOldStaysActive_andNothingStored() {
        UUID wig = teamWig();
        UUID old = active(wig, "Leaflets");
        UUID replacement = proposed(wig, "Social media posts", false, true);
        long before = LeadMeasureFixtures.storedEvents(pool);

        given().contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body("{\"replacementId\": \"" + replacement + "\", \"reason\": \"Try posts\"}")
                .post("/lead-measures/" + old + "/replace")
                .then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("lead-measure-not-predictive-and-influenceable"))
                .body("detail", containsString("not predictive"));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
        given().get("/lead-measures/" + old).then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("active"))
                .body("replacedBy", nullValue());
        given().get("/lead-measures/" + replacement).then().statusCode(200).body("status", equalTo("proposed"));
        given().queryParam("wigId", wig).queryParam("status", "retired").get("/lead-measures")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void givenActiveAndProposedOfAWigAbandonedSince_whenReplaced_then409WigClosed_andOldStaysActive_andNothingStored() {
        UUID wig = teamWig();
        UUID old = active(wig, "Leaflets");
        UUID replacement = proposed(wig, "Workplace visits", true, true);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"The region merged\"}")
                .post("/wigs/" + wig + "/abandon").then().statusCode(200);
        long before = LeadMeasureFixtures.storedEvents(pool);

        given().contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body("{\"replacementId\": \"" + replacement + "\", \"reason\": \"Try visits\"}")
                .post("/lead-measures/" + old + "/replace")
                .then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("wig-closed"));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
        given().get("/lead-measures/" + old).then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("active"))
                .body("replacedBy", nullValue());
        given().get("/lead-measures/" + replacement).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("proposed"));
        given().queryParam("wigId", wig).queryParam("status", "retired").get("/lead-measures")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void givenReplacementThatDoesNotFit_whenReplaced_then422Or409_andNothingStored() {
        UUID wig = teamWig();
        UUID old = active(wig, "Leaflets");
        UUID proposal = proposed(wig, "Visits", true, true);
        UUID otherWigsProposal = proposed(teamWig(), "Calls", true, true);
        UUID alreadyActive = active(wig, "Meetings");
        String path = "/lead-measures/" + old + "/replace";
        long before = LeadMeasureFixtures.storedEvents(pool);

        replace(path, "\"2\"", "{\"replacementId\": \"" + otherWigsProposal + "\", \"reason\": \"r\"}")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("replacement-for-other-wig"))
                .body("errors[0].field", equalTo("replacementId"));
        replace(path, "\"2\"", "{\"replacementId\": \"" + UUID.randomUUID() + "\", \"reason\": \"r\"}")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("replacement-not-found"));
        replace(path, "\"2\"", "{\"replacementId\": \"" + old + "\", \"reason\": \"r\"}")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("replacement-is-itself"));
        replace(path, "\"2\"", "{\"replacementId\": \"" + alreadyActive + "\", \"reason\": \"r\"}")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("lead-measure-already-active"));
        replace("/lead-measures/" + proposal + "/replace", "\"1\"", "{\"replacementId\": \"" + old + "\", \"reason\": \"r\"}")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("lead-measure-not-active"));

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    @Test
    void givenActive_whenReplacedWithBadBodyOrIfMatch_then4xx_andNothingStored() {
        UUID wig = teamWig();
        UUID old = active(wig, "Leaflets");
        UUID replacement = proposed(wig, "Visits", true, true);
        String path = "/lead-measures/" + old + "/replace";
        String valid = "{\"replacementId\": \"" + replacement + "\", \"reason\": \"r\"}";
        long before = LeadMeasureFixtures.storedEvents(pool);

        replace(path, "\"2\"", "{}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("replacementId", "reason"));
        replace(path, "\"2\"", "{\"replacementId\": \"soon\", \"reason\": \"r\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("replacementId"));
        replace(path, "\"2\"", valid.replace("}", ", \"agreementId\": 7}")).then().statusCode(400).contentType(PROBLEM);
        replace(path, "\"2\"", valid.replace("}", ", \"evidenceRef\": \"" + "e".repeat(501) + "\"}")).then().statusCode(400)
                .body("errors.field", hasItem("evidenceRef"));
        replace(path, "\"1\"", valid).then().statusCode(412).contentType(PROBLEM).header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).body(valid).post(path).then().statusCode(428).contentType(PROBLEM);

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    // ---- readings ------------------------------------------------------------------------------------------

    @Test
    void givenLeadMeasure_whenWeekCounted_thenRecorded_thenCorrected_andSameCountChangesNothing() {
        UUID lead = active(teamWig(), "Visits");
        String path = "/lead-measures/" + lead + "/readings";
        String week = lastWeek();

        reading(path, "\"2\"", "{\"week\": \"" + week + "\", \"count\": 4}")
                .then().statusCode(200).header("ETag", "\"3\"")
                .body("readings", hasSize(1)).body("readings[0].week", equalTo(week)).body("readings[0].count", equalTo(4));
        reading(path, "\"3\"", "{\"week\": \"" + week + "\", \"count\": 6}")
                .then().statusCode(200).header("ETag", "\"4\"").body("readings[0].count", equalTo(6));
        reading(path, "\"4\"", "{\"week\": \"" + week + "\", \"count\": 6}")
                .then().statusCode(200).header("ETag", "\"4\"");
        reading(path, "\"4\"", "{\"week\": \"" + thisWeek() + "\", \"count\": 0}")
                .then().statusCode(200).header("ETag", "\"5\"").body("readings", hasSize(2));

        assertThat(events(pool, lead, "goal.lead-reading-recorded")).isEqualTo(2);
        assertThat(events(pool, lead, "goal.lead-reading-corrected")).isEqualTo(1);
    }

    @Test
    void givenLeadMeasure_whenCountIsBad_then4xx_andNothingStored() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        String path = "/lead-measures/" + lead + "/readings";
        long before = LeadMeasureFixtures.storedEvents(pool);

        reading(path, "\"1\"", "{\"week\": \"" + futureWeek() + "\", \"count\": 1}")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("week-in-future"))
                .body("errors[0].field", equalTo("week"));
        reading(path, "\"1\"", "{\"week\": \"November\", \"count\": 1}")
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("invalid-week"));
        reading(path, "\"1\"", "{\"week\": \"" + lastWeek() + "\", \"count\": -1}")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
        reading(path, "\"1\"", "{\"week\": \"" + lastWeek() + "\", \"count\": 10001}")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
        reading(path, "\"1\"", "{\"week\": \"" + lastWeek() + "\", \"count\": \"many\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
        reading(path, "\"1\"", "{\"count\": 1}")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("week"));
        reading(path, "\"9\"", "{\"week\": \"" + lastWeek() + "\", \"count\": 1}")
                .then().statusCode(412).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"week\": \"" + lastWeek() + "\", \"count\": 1}").post(path)
                .then().statusCode(428).contentType(PROBLEM);

        assertThat(LeadMeasureFixtures.storedEvents(pool)).isEqualTo(before);
    }

    @Test
    void givenRetiredLeadMeasure_whenCounted_then409() {
        UUID lead = proposed(teamWig(), "Visits", true, true);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"Not for us\"}")
                .post("/lead-measures/" + lead + "/retire").then().statusCode(200);

        reading("/lead-measures/" + lead + "/readings", "\"2\"", "{\"week\": \"" + lastWeek() + "\", \"count\": 1}")
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("lead-measure-retired"));
        assertThat(events(pool, lead)).isEqualTo(2);
    }

    // ---- list ----------------------------------------------------------------------------------------------

    @Test
    void givenLeadMeasures_whenListedByTeamWigAndStatus_thenPagedWithCursor() {
        OrganisationFixtures.Team organisation = OrganisationFixtures.team();
        UUID team = organisation.teamId();
        UUID wig = teamWig(team, organisation.unitId());
        UUID otherWig = teamWig(team, organisation.unitId());
        UUID first = active(wig, "First");
        UUID second = proposed(wig, "Second", true, true);
        UUID third = proposed(otherWig, "Third", false, false);

        given().queryParam("teamId", team).get("/lead-measures").then().statusCode(200)
                .body("items.id", equalTo(List.of(first.toString(), second.toString(), third.toString())))
                .body("items[0].status", equalTo("active"))
                .body("items[0].activityType", equalTo("workplace-visit"))
                .body("items[0].weeklyTarget", equalTo(5))
                .body("items[0].version", equalTo(2))
                .body("nextCursor", nullValue());
        given().queryParam("wigId", wig).get("/lead-measures").then().statusCode(200).body("items", hasSize(2));
        given().queryParam("teamId", team).queryParam("status", "proposed").get("/lead-measures").then().statusCode(200)
                .body("items.id", equalTo(List.of(second.toString(), third.toString())));

        Response page1 = given().queryParam("teamId", team).queryParam("limit", 2).get("/lead-measures");
        page1.then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue());
        given().queryParam("teamId", team).queryParam("limit", 2).queryParam("cursor", page1.jsonPath().getString("nextCursor"))
                .get("/lead-measures")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(third.toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void givenBadQueryParameters_whenListed_then400NamingTheParameter() {
        given().queryParam("teamId", "nope").get("/lead-measures").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("teamId"));
        given().queryParam("wigId", "nope").get("/lead-measures").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("wigId"));
        given().queryParam("status", "paused").get("/lead-measures").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("limit", 201).get("/lead-measures").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("cursor", "garbage!").get("/lead-measures").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("invalid-cursor"));
    }

    @Test
    void openApiDocumentsEveryLeadMeasureEndpointWithItsProblems() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/lead-measures'.post.responses.'201'", notNullValue())
                .body("paths.'/lead-measures'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/lead-measures'.get.responses.'200'", notNullValue())
                .body("paths.'/lead-measures/{leadMeasureId}'.get.responses.'404'", notNullValue())
                .body("paths.'/lead-measures/{leadMeasureId}/activate'.post.responses.'409'.content", notNullValue())
                .body("paths.'/lead-measures/{leadMeasureId}/activate'.post.responses.'412'", notNullValue())
                .body("paths.'/lead-measures/{leadMeasureId}/activate'.post.responses.'422'", notNullValue())
                .body("paths.'/lead-measures/{leadMeasureId}/activate'.post.requestBody.required", not(equalTo(true)))
                .body("paths.'/lead-measures/{leadMeasureId}/activate'.post.requestBody.content.'application/json'.schema.'$ref'",
                        containsString("ActivateLeadMeasureRequest"))
                .body("components.schemas.ActivateLeadMeasureRequest.properties.activeFrom.'$ref'",
                        equalTo("#/components/schemas/Instant"))
                .body("components.schemas.Instant.format", equalTo("date-time"))
                .body("paths.'/lead-measures/{leadMeasureId}/retire'.post.responses.'428'", notNullValue())
                .body("paths.'/lead-measures/{leadMeasureId}/replace'.post.responses.'409'", notNullValue())
                .body("paths.'/lead-measures/{leadMeasureId}/readings'.post.responses.'422'", notNullValue());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void expect400(String body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/lead-measures")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
    }

    private static Response activate(UUID lead, String ifMatch, String body) {
        return given().contentType(ContentType.JSON).header("If-Match", ifMatch).body(body)
                .post("/lead-measures/" + lead + "/activate");
    }

    /** The stored payload of the lead measure's (one) event of {@code type}. */
    private String payload(UUID lead, String type) {
        return pool.preparedQuery("select payload::text from event_store where stream_id = $1 and event_type = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of("lead-measure-" + lead, type))
                .map(rows -> rows.iterator().next().getString(0)).await().indefinitely();
    }

    private static Response replace(String path, String ifMatch, String body) {
        return given().contentType(ContentType.JSON).header("If-Match", ifMatch).body(body).post(path);
    }

    private static Response reading(String path, String ifMatch, String body) {
        return given().contentType(ContentType.JSON).header("If-Match", ifMatch).body(body).post(path);
    }

    private LocalDate today() {
        return LocalDate.now(config.timeZone());
    }

    private String thisWeek() {
        return Periods.of(today(), Cadence.WEEK);
    }

    private String lastWeek() {
        return Periods.of(today().minusWeeks(1), Cadence.WEEK);
    }

    private String futureWeek() {
        return Periods.of(today().plusWeeks(2), Cadence.WEEK);
    }

    private static boolean isLeadMeasureEvent(ConsumerRecord<String, String> record, UUID team, String type) {
        return team.toString().equals(record.key()) && type.equals(TopicReader.header(record, "ce_type"));
    }
}
