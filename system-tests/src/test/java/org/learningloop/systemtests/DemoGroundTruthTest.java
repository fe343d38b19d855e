package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.learningloop.simulator.Demo;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.simulator.Scenarios;
import org.learningloop.simulator.Simulation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The living demo, loaded through the public REST APIs exactly as {@code bin/loop up --demo} loads it, and the
 * truth it was generated from found again by the reports (issue 6's simulation test, issue 7's demo): design B
 * is best at call centres, A at small workplaces, large industry has too little evidence, and Team Phone's lead
 * measure is wrong although it is carried out well.
 */
class DemoGroundTruthTest {

    private static final Duration REPORTS_CATCH_UP = Duration.ofSeconds(120);

    private static LoopSteps steps;
    private static LoopClient client;
    private static Simulation.Result demo;

    @BeforeAll
    static void loadTheDemo() {
        steps = RunningSystem.get().steps();
        client = steps.client();
        demo = Demo.loadAndDescribe(steps, LocalDate.now(Scenarios.STOCKHOLM));
    }

    @Test
    void loadingTheDemoAgain_changesNothing() {
        UUID harbour = demo.team("Team Harbour").teamId();
        String activities = "/teams/" + harbour + "/activities?limit=200";
        int before = countAll(client.endpoints().activity(), activities);

        Simulation.Result again = Demo.loadAndDescribe(steps, LocalDate.now(Scenarios.STOCKHOLM));

        assertThat(again.unitId()).isEqualTo(demo.unitId());
        assertThat(countAll(client.endpoints().activity(), activities)).isEqualTo(before);
        assertThat(before).isEqualTo((int) demo.activities().stream().filter(a -> a.team().equals("Team Harbour")).count());
    }

    @Test
    void bestDesigns_nameBForCallCentres_aForSmallWorkplaces_andTooLittleEvidenceForLargeIndustry() {
        String path = "/reports/best-designs?activityType=workplace-visit";
        JsonNode report = client.await(client.endpoints().reporting(), path,
                answer -> ReportAssertions.bestDesign(answer, "workplace-visit", "call-centre") != null
                        && ReportAssertions.bestDesign(answer, "workplace-visit", "small-6-30") != null,
                REPORTS_CATCH_UP, "the best-designs report to cover the demo");

        assertThat(ReportAssertions.bestDesign(report, "workplace-visit", "call-centre"))
                .isEqualTo(demo.designs().get("B").toString());
        assertThat(ReportAssertions.bestDesign(report, "workplace-visit", "small-6-30"))
                .isEqualTo(demo.designs().get("A").toString());
        ReportAssertions.assertInsufficientEvidence(report, "workplace-visit", "large-industry");
    }

    @Test
    void verdict_replaceForTheLeadMeasureThatDoesNotMoveTheLag_notForTheOneThatDoes() {
        UUID phone = demo.team("Team Phone").leadMeasureId();
        UUID harbour = demo.team("Team Harbour").leadMeasureId();

        JsonNode wrong = client.await(client.endpoints().reporting(), "/reports/lead-measures/" + phone + "/verdict",
                answer -> "replace".equals(answer.path("verdict").asText()), REPORTS_CATCH_UP,
                "the verdict on Team Phone's lead measure");
        JsonNode right = client.get(client.endpoints().reporting(), "/reports/lead-measures/" + harbour + "/verdict");

        assertThat(wrong.path("verdict").asText()).isEqualTo("replace");
        assertThat(right.path("verdict").asText()).isNotEqualTo("replace");
    }

    @Test
    void theAptAgreements_reachedTheOtherServices() {
        // a revised design is at a later version in activity-service, caused by an agreement
        boolean revised = demo.designs().values().stream()
                .map(id -> client.await(client.endpoints().activity(), "/designs/" + id, d -> true, REPORTS_CATCH_UP, "design"))
                .anyMatch(design -> design.path("version").asInt() > 1 && design.path("agreementIds").size() > 0);
        assertThat(revised).as("a design revised by an APT agreement").isTrue();

        // Team Phone's lead measure was replaced by goal-service on the last APT's agreement
        UUID phone = demo.team("Team Phone").leadMeasureId();
        JsonNode retired = client.await(client.endpoints().goal(), "/lead-measures/" + phone,
                measure -> "retired".equals(measure.path("status").asText()), REPORTS_CATCH_UP,
                "Team Phone's lead measure to be replaced");
        assertThat(retired.path("retirement").path("agreementId").asText()).isNotBlank();
    }

    private static int countAll(java.net.URI base, String path) {
        int count = 0;
        String cursor = null;
        do {
            JsonNode page = client.get(base, path + (cursor == null ? "" : "&cursor=" + cursor));
            count += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }
}
