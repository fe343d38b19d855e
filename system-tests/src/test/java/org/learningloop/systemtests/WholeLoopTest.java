package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.Periods;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One whole learning loop across goal-, activity- and learning-service, each its own process, meeting only on
 * the real Kafka broker; the test calls nothing but their public REST APIs (issue 5's end-to-end test).
 */
class WholeLoopTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    @Test
    void wigAndLeadMeasure_designV1_activities_wigMeeting_apt_reviseDesign_closesTheLoop() {
        RunningSystem system = RunningSystem.get();
        LoopSteps steps = system.steps();
        LoopClient client = steps.client();
        String run = "whole-loop-" + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZONE);

        // goal-service: the unit, the team, its WIG and its lead measure (a hypothesis, activated)
        UUID manager = UUID.randomUUID();
        UUID unit = steps.unit(run + ":unit", "Region office X", manager);
        UUID team = steps.team(run + ":team", unit, "Recruitment team");
        UUID lead = UUID.randomUUID();
        UUID colleague = UUID.randomUUID();
        // names no other test's text could contain: a free text naming a member is refused (ADR 17), and the four
        // services here are shared by all the system tests, in whatever order they run
        steps.member(team, lead, "Orsolya Brindlecombe", "team-lead");
        steps.member(team, colleague, "Evander Mossgrove", "member");
        UUID wig = steps.wig(run + ":wig", "From 10 to 30 net new members a month", team, unit, null,
                "net new members per month", 10, 30, today.minusMonths(1), today.plusMonths(6));
        // a safety round, not a workplace visit: the demo's ground truth about workplace-visit designs stays its own
        UUID leadMeasure = steps.activeLeadMeasure(run + ":lead", wig, "Safety rounds", "safety-round", 5,
                "Five safety rounds a week bring members");

        // activity-service: design v1, then three activities through before -> during -> after
        UUID design = steps.design(run + ":design", unit, team, "Round with the safety representative", "safety-round",
                leadMeasure,
                List.of("call-centre"), "Employees see what the union does for them",
                List.of("Introduce ourselves", "Invite to join"), List.of("Pay"), "Short visits in the break work");
        List<UUID> activities = new ArrayList<>();
        Instant carriedOutAt = Instant.now(); // after the activation: the lead measure counts what it was active for
        // the week and month the activities fall in, whatever the hour (a run across midnight keeps them together)
        LocalDate day = LocalDate.ofInstant(carriedOutAt, ZONE);
        String week = Periods.week(day);
        String month = YearMonth.from(day).toString();
        for (int i = 0; i < 3; i++) {
            UUID activity = steps.planActivity(run + ":activity-" + i, team, unit, leadMeasure, design, null,
                    carriedOutAt.minus(1, ChronoUnit.HOURS), "CC-" + i, "call-centre", 120, List.of(lead, colleague));
            steps.carryOut(activity, carriedOutAt, 4, 4, i == 2 ? "partly" : "yes",
                    List.of(Map.of("element", "frames", "what", "Moved to the canteen", "why", "Break room taken")),
                    Map.of("risksFound", i + 1)); // an outcome safety rounds record (issue 12: a catalogue)
            steps.evaluate(activity, Map.of("intention", 4, "frames", 3, "content", 5, "presence", 4, "focus", 4,
                            "flexibility", 3),
                    i == 0 ? List.of(Map.of("element", "content", "proposal", "Open with pay")) : List.of());
            steps.feedback(activity, lead, colleague, List.of(Map.of("category", "improve", "element", "content",
                    "text", "Bring the pay leaflet")));
            activities.add(activity);
        }

        // goal-service counted the activities towards the lead measure (through loop.activities)
        JsonNode scoreboard = client.await(client.endpoints().goal(), "/teams/" + team + "/scoreboard?week=" + week,
                board -> actualOf(board, leadMeasure) == 3, LoopSteps.PROPAGATION,
                "goal-service to count the three activities");
        assertThat(actualOf(scoreboard, leadMeasure)).isEqualTo(3);

        // learning-service: the improvement proposal became a candidate; the WIG meeting confirms it as a learning
        client.await(client.endpoints().learning(), "/teams/" + team + "/learning-candidates?status=open",
                candidates -> candidates.path("items").size() == 1, LoopSteps.PROPAGATION,
                "the improvement proposal to become a learning candidate");
        JsonNode meeting = steps.openWigMeeting(team, week);
        assertThat(meeting.path("learningCandidates")).hasSize(1);
        UUID candidate = UUID.fromString(meeting.path("learningCandidates").get(0).path("id").asText());
        UUID learning = steps.learningFromCandidate(run + ":learning", team, candidate, "Opening with pay works",
                List.of("before", "content"));
        ObjectNode record = client.object();
        record.putArray("accountability");
        record.putArray("commitments").addObject().put("memberId", colleague.toString())
                .put("what", "Two more visits").put("leadMeasureId", leadMeasure.toString()).put("dueWeek", week);
        record.putArray("learningIds").add(learning.toString());
        steps.recordWigMeeting(UUID.fromString(meeting.path("id").asText()), record);

        // the APT opens with the digest of the unit's month: the design version x segment with its figures
        JsonNode apt = client.await(client.endpoints().learning(), "/units/" + unit + "/workplace-meetings",
                page -> true, LoopSteps.PROPAGATION, "the workplace-meeting list");
        assertThat(apt.path("items")).isEmpty();
        JsonNode opened = steps.openWorkplaceMeeting(unit, month);
        UUID aptId = UUID.fromString(opened.path("id").asText());
        JsonNode digest = DigestAssertions.designDigest(opened, design, 1, "call-centre");
        // two activities reached their intention, one partly: (2 + ½) / 3, partly counting half (IntentionReachedRate)
        DigestAssertions.assertActivityFigures(digest, 3, 2.5 / 3, 6);

        // the agreement: revise the design's content, on the evidence of the three activities and the learning
        ObjectNode agreement = client.object().put("kind", "revise-design").put("designId", design.toString())
                .put("rationale", "Opening with pay got more questions");
        agreement.putArray("learningIds").add(learning.toString());
        var evidence = agreement.putArray("activityIds");
        activities.forEach(id -> evidence.add(id.toString()));
        ObjectNode content = agreement.putObject("content");
        content.putArray("steps").add("Introduce ourselves").add("Start with pay").add("Invite to join");
        content.putArray("talkingPoints").add("Pay");
        steps.agreement(aptId, agreement);
        JsonNode closed = steps.closeWorkplaceMeeting(aptId);
        assertThat(closed.path("status").asText()).isEqualTo("closed");
        String agreementId = closed.path("agreements").get(0).path("id").asText();

        // activity-service holds version 2, caused by the agreement
        JsonNode revised = client.await(client.endpoints().activity(), "/designs/" + design,
                d -> d.path("version").asInt() == 2, LoopSteps.PROPAGATION, "design version 2");
        assertThat(revised.path("agreementIds").toString()).contains(agreementId);
        JsonNode v2 = client.get(client.endpoints().activity(), "/designs/" + design + "/versions/2");
        assertThat(v2.path("agreementId").asText()).isEqualTo(agreementId);
        assertThat(v2.path("content").path("steps").toString()).contains("Start with pay");

        // the team's loop: iteration 1 ended by the APT's agreement, iteration 2 open
        JsonNode loops = client.get(client.endpoints().learning(), "/teams/" + team + "/loops");
        DigestAssertions.assertLoopClosedBy(loops, agreementId);
    }

    static int actualOf(JsonNode scoreboard, UUID leadMeasure) {
        for (JsonNode measure : scoreboard.path("leadMeasures")) {
            if (measure.path("leadMeasureId").asText().equals(leadMeasure.toString())) {
                return measure.path("thisWeek").path("actual").asInt(-1);
            }
        }
        return -1;
    }
}
