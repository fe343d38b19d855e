package org.learningloop.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.IdentityResource;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission control (ADR 27): the test application admits {@code loop.http.max-in-flight} = 3 requests at once
 * (its application.properties); {@link HeldResource} holds requests in flight until the test lets them go.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(IdentityResource.class)
class AdmissionTest {

    @ConfigProperty(name = "loop.http.max-in-flight")
    int limit;

    @TestHTTPResource("/admission-test/held")
    URL held;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    MeterRegistry registry;

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void letEverythingGo() {
        HeldResource.gate.complete("released");
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0);
    }

    @Test
    void beyondTheLimit_aRequestIsRefusedAtOnce_with503ProblemAndRetryAfter_andProbesAreNot() throws Exception {
        assertThat(limit).as("the test application's limit").isEqualTo(3);
        HeldResource.gate = new CompletableFuture<>();
        List<CompletableFuture<HttpResponse<String>>> answers = hold(limit);
        double refusedBefore = refused();

        Response refusedAnswer = given().get("/admission-test/now");
        assertThat(refusedAnswer.statusCode()).isEqualTo(503);
        assertThat(refusedAnswer.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(refusedAnswer.header("Retry-After")).isEqualTo("1");
        assertThat(refusedAnswer.jsonPath().getString("code")).isEqualTo("overloaded");
        assertThat(refusedAnswer.jsonPath().getString("instance")).isEqualTo("/admission-test/now");
        assertThat(refused()).isEqualTo(refusedBefore + 1);

        Response refusedPost = given().body("some text").contentType("text/plain").post("/admission-test/now");
        assertThat(refusedPost.statusCode()).isEqualTo(503);
        assertThat(refusedPost.header("Connection")).as("its body was not read").isEqualToIgnoringCase("close");

        // health and metrics are on the management port: never refused
        given().get(management + "health/live").then().statusCode(200);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isNotDone());

        HeldResource.gate.complete("released");
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("released");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0);
        given().get("/admission-test/now").then().statusCode(200);
    }

    @Test
    void everyAnswer_givesItsPlaceBack_soAnyNumberOfRequestsInTurnIsAdmitted() {
        for (int i = 0; i < limit * 10; i++) {
            given().get("/admission-test/now").then().statusCode(200);
            given().get("/admission-test/nothing-here").then().statusCode(404);
            given().body("text").contentType("text/plain").post("/admission-test/now").then().statusCode(200);
        }
        // a place is given back once the answer is written, which may be just after the client has read it
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0);
    }

    @Test
    void clientsThatHangUp_giveTheirPlacesBack() throws Exception {
        HeldResource.gate = new CompletableFuture<>();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                Socket socket = new Socket(held.getHost(), held.getPort());
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + held.getPath() + " HTTP/1.1\r\nHost: " + held.getHost() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == limit);
            given().get("/admission-test/now").then().statusCode(503);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0);
        given().get("/admission-test/now").then().statusCode(200);
    }

    /** {@code count} requests to the held endpoint, once every one of them is in flight. */
    private List<CompletableFuture<HttpResponse<String>>> hold(int count) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(held.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == count);
        return answers;
    }

    private double inFlight() {
        return registry.get("loop.http.in.flight").gauge().value();
    }

    private double refused() {
        return registry.get("loop.http.refused").counter().count();
    }
}
