package org.learningloop.reporting.evidence;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.Workplace;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.reporting.ReportingBeans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two units whose teams found opposite designs best: North's activities with design X recruit, South's with design
 * Y. Organisation-wide the designs tie; filtered by {@code unitId} each unit's reports name its own best design.
 */
@QuarkusTest
class UnitEvidenceTest {

    private static final Instant START = Instant.parse("2026-04-07T09:00:00Z");
    private static final int PER_DESIGN = 12;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final String type = "training-" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID north = UUID.randomUUID();
    private final UUID south = UUID.randomUUID();
    private final UUID northTeam = UUID.randomUUID();
    private final UUID southTeam = UUID.randomUUID();
    private final UUID designX = UUID.randomUUID();
    private final UUID designY = UUID.randomUUID();
    private final List<LoopScenario.Published> events = new ArrayList<>();

    @Test
    void unitFilter_eachUnitsReportsNameTheDesignItsOwnTeamsFoundBest_theOrganisationsDoNot() {
        design(designX, "Design X");
        design(designY, "Design Y");
        for (int i = 0; i < PER_DESIGN; i++) {
            Instant at = START.plus(Duration.ofDays(3L * i));
            carriedOut(northTeam, north, designX, at, 3);
            carriedOut(northTeam, north, designY, at.plus(Duration.ofHours(1)), 0);
            carriedOut(southTeam, south, designX, at.plus(Duration.ofHours(2)), 0);
            carriedOut(southTeam, south, designY, at.plus(Duration.ofHours(3)), 3);
        }
        LoopScenario.publish(kafka, events);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Integer> counts = given().queryParam("activityType", type).get("/reports/design-effectiveness")
                    .then().statusCode(200).extract().path("items.activities");
            assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4 * PER_DESIGN);
        });

        Map<String, Object> organisation = callCentre(null);
        assertThat(organisation.get("status")).isEqualTo("insufficient-evidence");
        Map<String, Object> northBest = callCentre(north);
        assertThat(northBest.get("status")).isEqualTo("best");
        assertThat(((Map<?, ?>) northBest.get("best")).get("designId")).isEqualTo(designX.toString());
        Map<String, Object> southBest = callCentre(south);
        assertThat(southBest.get("status")).isEqualTo("best");
        assertThat(((Map<?, ?>) southBest.get("best")).get("designId")).isEqualTo(designY.toString());

        // design-effectiveness counts only the unit's activities: North's X recruited 3 per activity
        given().queryParam("activityType", type).queryParam("unitId", north.toString())
                .get("/reports/design-effectiveness").then().statusCode(200)
                .body("unitId", equalTo(north.toString()))
                .body("items.activities", equalTo(List.of(PER_DESIGN, PER_DESIGN)))
                .body("items.find { it.designId == '" + designX + "' }.outcomeTotal", equalTo(3 * PER_DESIGN))
                .body("items.find { it.designId == '" + designY + "' }.outcomeTotal", equalTo(0));
    }

    private Map<String, Object> callCentre(UUID unit) {
        var request = given().queryParam("activityType", type);
        if (unit != null) {
            request = request.queryParam("unitId", unit.toString());
        }
        List<Map<String, Object>> items = request.get("/reports/best-designs").then().statusCode(200)
                .body("unitId", equalTo(unit == null ? null : unit.toString())).extract().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("segment")).isEqualTo("call-centre");
        return items.get(0);
    }

    private void design(UUID design, String name) {
        add(north, "design-" + design, new DesignCreated(design, north, null, name, type, null,
                List.of("call-centre"), "Members see the value", new Frames(30, "lunch room", List.of(), List.of()),
                new Content(List.of("greet"), List.of("wages")), name + " works"), START.minus(Duration.ofDays(7)));
    }

    private void carriedOut(UUID team, UUID unit, UUID design, Instant at, int members) {
        UUID activity = UUID.randomUUID();
        String stream = "activity-" + activity;
        add(team, stream, new ActivityPlanned(activity, team, unit, type, null, design, 1,
                at.minus(Duration.ofDays(2)), new Workplace("site", "call-centre", 20), List.of(), "prep", null),
                at.minus(Duration.ofDays(3)));
        add(team, stream, new ActivityCarriedOut(activity, team, unit, type, null, design, 1, "call-centre", at,
                4, 4, IntentionReached.YES, List.of(), Map.of("membersRecruited", members)), at);
    }

    private void add(UUID key, String stream, LoopEvent event, Instant time) {
        long version = events.stream().filter(e -> e.streamId().equals(stream)).count() + 1;
        events.add(new LoopScenario.Published("loop.activities", key, ReportingBeans.CATALOG.typeOf(event).ceType(),
                time, stream, version, event, UUID.randomUUID()));
    }
}
