package org.learningloop.reporting.projection;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.testing.Metrics;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What ops watch of the projections (issue 16): per projection, the events applied (a counter) and the live
 * generation's lag in records and seconds (gauges), on the management port.
 */
@QuarkusTest
class ProjectionMetricsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void eventsApplied_areCountedPerProjection_andTheLagGoesBackToZero() {
        String history = "projection=\"team-history\"";
        double before = Metrics.value(management, "loop_projection_applied_total", history);
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-03-02T08:00:00Z"));
        scenario.team("Metered", 2);
        scenario.publishAll(kafka);
        int published = scenario.events().size();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Metrics.value(management, "loop_projection_applied_total", history)).isGreaterThanOrEqualTo(before + published));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Metrics.value(management, "loop_projection_lag_events", history)).isZero();
            assertThat(Metrics.value(management, "loop_projection_lag_seconds", history)).isZero();
        });
        String metrics = io.restassured.RestAssured.given().get(management + "metrics").then().extract().asString();
        assertThat(metrics).contains("loop_projection_lag_events{projection=\"activity-facts\"}")
                .contains("loop_consumer_dead_letters_total{consumer=\"reporting-service.team-history\",reason=\"undecodable\"}");
    }
}
