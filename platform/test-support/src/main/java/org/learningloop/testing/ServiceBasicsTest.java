package org.learningloop.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every service answers, whatever its domain: extend it in a {@code @QuarkusTest} of the service.
 * The service is started against a real database (migrated) and a real broker (topics created).
 */
public abstract class ServiceBasicsTest {

    @Test
    void isLiveAndReady_withDatabaseKafkaAndRelayChecks() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("outbox-relay"));
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body("openapi", notNullValue());
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        given().get("/nowhere/at/all").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("instance", equalTo("/nowhere/at/all"));
    }
}
