package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

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
}
