package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Reading learning-service's APT digest and loop iterations in the system tests. */
final class DigestAssertions {

    private DigestAssertions() {
    }

    /** The digest entry of one design version in one segment. */
    static JsonNode designDigest(JsonNode meeting, UUID designId, int version, String segment) {
        for (JsonNode entry : meeting.path("digest").path("designs")) {
            if (entry.path("designId").asText().equals(designId.toString())
                    && entry.path("designVersion").asInt() == version && entry.path("segment").asText().equals(segment)) {
                return entry;
            }
        }
        return fail("no digest entry for design %s v%d in %s: %s", designId, version, segment, meeting.path("digest"));
    }

    static void assertActivityFigures(JsonNode entry, int carriedOut, double intentionReachedShare, int outcomeTotal) {
        assertThat(entry.path("activitiesCarriedOut").asInt()).isEqualTo(carriedOut);
        assertThat(entry.path("evaluated").asInt()).isEqualTo(carriedOut);
        assertThat(entry.path("intentionReachedShare").asDouble()).isCloseTo(intentionReachedShare,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(entry.path("outcomeTotals").path("risksFound").asInt()).isEqualTo(outcomeTotal);
    }

    static void assertLoopClosedBy(JsonNode loops, String agreementId) {
        JsonNode items = loops.path("iterations");
        assertThat(items.size()).isEqualTo(2);
        JsonNode first = items.get(0);
        assertThat(first.path("iteration").asInt()).isEqualTo(1);
        assertThat(first.path("status").asText()).isEqualTo("closed");
        assertThat(first.path("agreements").toString()).contains(agreementId);
        assertThat(first.path("activitiesCarriedOut").asInt()).isEqualTo(3);
        assertThat(items.get(1).path("iteration").asInt()).isEqualTo(2);
        assertThat(items.get(1).path("status").asText()).isEqualTo("open");
        assertThat(loops.path("currentIteration").asInt()).isEqualTo(2);
    }
}
