package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.learningloop.simulator.LoopClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Reading reporting-service's evidence reports in the system tests. */
final class ReportAssertions {

    private ReportAssertions() {
    }

    /** The best design's id for the activity type and segment, or null while there is none (yet). */
    static String bestDesign(JsonNode report, String activityType, String segment) {
        JsonNode entry = entry(report, activityType, segment);
        if (entry == null || !"best".equals(entry.path("status").asText())) {
            return null;
        }
        return entry.path("best").path("designId").asText(null);
    }

    /**
     * Waits until the best-designs report at {@code path} names a best workplace-visit design for call centres and for
     * small workplaces, then holds it to the demo's truth: design B at call centres, design A at small workplaces.
     */
    static JsonNode assertDemoBestDesigns(LoopClient client, String path, Map<String, UUID> designs, Duration patience) {
        JsonNode report = client.await(client.endpoints().reporting(), path,
                answer -> bestDesign(answer, "workplace-visit", "call-centre") != null
                        && bestDesign(answer, "workplace-visit", "small-6-30") != null,
                patience, "the best-designs report " + path + " to cover the demo");
        assertThat(bestDesign(report, "workplace-visit", "call-centre")).isEqualTo(designs.get("B").toString());
        assertThat(bestDesign(report, "workplace-visit", "small-6-30")).isEqualTo(designs.get("A").toString());
        return report;
    }

    static void assertInsufficientEvidence(JsonNode report, String activityType, String segment) {
        JsonNode entry = entry(report, activityType, segment);
        if (entry == null) {
            fail("no entry for %s in %s: %s", activityType, segment, report);
        }
        assertThat(entry.path("status").asText()).isEqualTo("insufficient-evidence");
    }

    private static JsonNode entry(JsonNode report, String activityType, String segment) {
        for (JsonNode entry : report.path("items")) {
            if (activityType.equals(entry.path("activityType").asText()) && segment.equals(entry.path("segment").asText())) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The demo's effective lead measures, Team Harbour's and Team Valley's, are kept: their lag rose over its
     * baseline while they were carried out at target (the month in progress is never judged, so on any day).
     */
    static void assertKept(LoopClient client, org.learningloop.simulator.Simulation.Result played, Duration patience) {
        for (String team : java.util.List.of("Team Harbour", "Team Valley")) {
            JsonNode verdict = client.await(client.endpoints().reporting(), "/reports/lead-measures/"
                            + played.team(team).leadMeasureId() + "/verdict",
                    answer -> "keep".equals(answer.path("verdict").asText()), patience, "the verdict on " + team
                            + "'s lead measure");
            assertThat(verdict.path("verdict").asText()).as("%s: %s", team, verdict.path("reason").asText())
                    .isEqualTo("keep");
            assertThat(verdict.path("lag").path("effect").path("baseline").size()).as(team + "'s baseline months")
                    .isEqualTo(3);
        }
    }
}
