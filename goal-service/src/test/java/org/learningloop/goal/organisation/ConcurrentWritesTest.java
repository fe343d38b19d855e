package org.learningloop.goal.organisation;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.SignedIn;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.goal.organisation.OrganisationFixtures.memberBody;
import static org.learningloop.goal.organisation.OrganisationFixtures.team;
import static org.learningloop.goal.organisation.OrganisationFixtures.unit;

/**
 * Many clients change one stream at once with the same {@code If-Match}: one wins, every other one is told its
 * copy is stale, and the service keeps answering others meanwhile. A request must never hold one pooled
 * connection while it waits for another (a read's connection held around the command loop's transaction, or
 * a conflicting append reading the current version): with as many such requests as connections, every one waited
 * for a connection that never came (500 after the acquisition timeout, 80 of 100 here).
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int WRITERS = 100;

    @TestHTTPResource("/")
    URL base;

    @Test
    void given100ConflictingWritesWithOneIfMatch_thenOneWins_everyOtherIs412_noneFails_andAnUnrelatedReadAnswers()
            throws Exception {
        UUID unit = unit("Region office Contended");
        UUID team = team(unit, "Crowded");
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16))
                .connectTimeout(Duration.ofSeconds(10)).build();

        List<CompletableFuture<HttpResponse<String>>> writes = IntStream.range(0, WRITERS)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(uri("/teams/" + team + "/members"))
                                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                                .header("If-Match", "\"1\"").header("Authorization", SignedIn.bearer())
                                .POST(HttpRequest.BodyPublishers.ofString(memberBody(UUID.randomUUID(), "Member " + i,
                                        "member"))).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        long readStarted = System.nanoTime();
        HttpResponse<String> unrelated = http.send(HttpRequest.newBuilder(uri("/units/" + unit))
                .timeout(Duration.ofSeconds(120)).header("Authorization", SignedIn.bearer()).GET().build(), HttpResponse.BodyHandlers.ofString());
        long readMillis = (System.nanoTime() - readStarted) / 1_000_000;
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();

        Map<Integer, Long> statuses = writes.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        System.out.printf("[concurrent writes] %d writers with one If-Match: %s; unrelated GET %d in %d ms%n",
                WRITERS, statuses, unrelated.statusCode(), readMillis);
        assertThat(statuses).containsOnlyKeys(200, 412).containsEntry(200, 1L).containsEntry(412, (long) WRITERS - 1);
        assertThat(unrelated.statusCode()).isEqualTo(200);
        writes.stream().map(CompletableFuture::join).filter(answer -> answer.statusCode() == 412).forEach(answer -> {
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains("stale-version");
        });
        given().get("/teams/" + team).then().statusCode(200).header("ETag", "\"2\"");
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }
}
