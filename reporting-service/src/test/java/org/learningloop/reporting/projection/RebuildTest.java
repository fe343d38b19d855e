package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.reporting.LoopScenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.learningloop.testing.SignedIn;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Rebuilding every projection from offset 0 while reads continue: every read succeeds and shows the whole
 * team, the answers after the switch equal those before, the generation advanced and the status is live
 * with zero lag.
 */
@QuarkusTest
class RebuildTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Pool pool;

    @Test
    void rebuildingEveryProjection_whileReading_switchesToEqualAnswers() throws Exception {
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-03-02T08:00:00Z"));
        List<UUID> teams = List.of(scenario.team("North", 6), scenario.team("South", 4), scenario.team("East", 5));
        scenario.publishAll(kafka);
        List<String> projections = SignedIn.asOps().get("/admin/projections").then().statusCode(200).extract()
                .path("items.name");
        assertThat(projections).contains("team-history", "activity-facts");
        awaitAllLive(projections);

        Map<String, String> before = answers(teams);
        Map<UUID, Integer> historySizes = new HashMap<>();
        teams.forEach(team -> historySizes.put(team, given().get("/teams/" + team + "/history?limit=500").jsonPath()
                .getList("items").size()));
        assertThat(historySizes.values()).allSatisfy(size -> assertThat(size).isGreaterThan(20));
        Map<String, Integer> generations = new HashMap<>();
        projections.forEach(name -> generations.put(name,
                SignedIn.asOps().get("/admin/projections/" + name).then().extract().path("liveGeneration")));

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (UUID team : teams) {
                    Response history = given().get("/teams/" + team + "/history?limit=500");
                    if (history.statusCode() != 200) {
                        wrong.add("history " + history.statusCode() + " " + history.asString());
                    } else if (history.jsonPath().getList("items").size() != historySizes.get(team)) {
                        wrong.add("history of " + team + " has " + history.jsonPath().getList("items").size());
                    }
                    Response state = given().get("/teams/" + team + "/state?asOf=2030-01-01T00:00:00Z");
                    if (state.statusCode() != 200 || state.jsonPath().getInt("eventsFolded") != historySizes.get(team)) {
                        wrong.add("state " + state.statusCode() + " " + state.asString());
                    }
                    Response csv = SignedIn.asAnalyst().get("/exports/activities.csv?teamId=" + team);
                    if (csv.statusCode() != 200 || !csv.asString().equals(before.get("activities " + team))) {
                        wrong.add("activities " + csv.statusCode() + " " + csv.asString());
                    }
                    reads.incrementAndGet();
                }
            }
        });
        reader.start();
        try {
            await().atMost(PATIENCE).until(() -> reads.get() > 0);
            int readsBefore = reads.get();
            for (String name : projections) {
                SignedIn.asOps().post("/admin/projections/" + name + "/rebuild").then().statusCode(202)
                        .header("Location", org.hamcrest.Matchers.endsWith("/admin/projections/" + name))
                        .body("generation", equalTo(generations.get(name) + 1))
                        .body("state", equalTo("building"));
                Response status = SignedIn.asOps().get("/admin/projections/" + name);
                if ("rebuilding".equals(status.jsonPath().getString("state"))) {
                    status.then().body("liveGeneration", equalTo(generations.get(name)))
                            .body("rebuild.generation", equalTo(generations.get(name) + 1))
                            .body("rebuild.state", equalTo("building"));
                } else { // already switched
                    status.then().body("liveGeneration", equalTo(generations.get(name) + 1));
                }
            }
            // a second rebuild while the first runs is refused (unless the first already switched)
            Response again = SignedIn.asOps().post("/admin/projections/" + projections.get(0) + "/rebuild");
            assertThat(again.statusCode()).isIn(202, 409);
            if (again.statusCode() == 409) {
                again.then().contentType("application/problem+json");
                generations.put(projections.get(0), generations.get(projections.get(0)));
            } else {
                generations.put(projections.get(0), generations.get(projections.get(0)) + 1);
            }
            for (String name : projections) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        SignedIn.asOps().get("/admin/projections/" + name).then().statusCode(200)
                                .body("liveGeneration", equalTo(generations.get(name) + 1))
                                .body("state", equalTo("live")).body("lag", equalTo(0)));
            }
            assertThat(reads.get()).as("reads went on while the projections were rebuilt").isGreaterThan(readsBefore);
        } finally {
            reading.set(false);
            reader.join();
        }
        assertThat(wrong).isEmpty();
        assertThat(answers(teams)).isEqualTo(before);
        SignedIn.asOps().get("/admin/projections").then().statusCode(200)
                .body("items.state", org.hamcrest.Matchers.everyItem(equalTo("live")))
                .body("items.lag", org.hamcrest.Matchers.everyItem(equalTo(0)))
                .body("items.rebuild", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    /**
     * A rebuilt generation knows where every stream stood before it (ADR 23): a report asked for after writes applied
     * before a rebuild of both evidence projections answers at once after it, as before it. (A building generation that
     * left out the positions the live one had recorded, as tried for issue 15, answered 503 projection-behind here.)
     */
    @Test
    void rebuild_keepsThePositionsOfWritesAppliedBeforeIt() {
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-05-04T08:00:00Z"));
        scenario.team("Positions", 3);
        scenario.publishAll(kafka);
        Map<String, Long> last = new java.util.TreeMap<>();
        scenario.events().forEach(event -> last.merge(event.streamId(), event.version(), Math::max));
        // every topic's streams among them: a report takes at most 20 positions
        List<String> after = new ArrayList<>();
        for (String prefix : List.of("team-", "wig-", "activity-", "design-", "wig-meeting-")) {
            last.entrySet().stream().filter(stream -> stream.getKey().startsWith(prefix)).limit(3)
                    .forEach(stream -> after.add(stream.getKey() + "@" + stream.getValue()));
        }
        assertThat(after).hasSizeGreaterThan(6).hasSizeLessThanOrEqualTo(20);
        List<String> evidence = List.of("activity-facts", "goal-facts");
        await().atMost(PATIENCE).untilAsserted(() ->
                given().queryParam("after", after.toArray()).get("/reports/design-effectiveness").then().statusCode(200));
        Map<String, Integer> generations = new HashMap<>();
        evidence.forEach(name -> generations.put(name,
                SignedIn.asOps().get("/admin/projections/" + name).then().extract().path("liveGeneration")));

        for (String name : evidence) {
            SignedIn.asOps().post("/admin/projections/" + name + "/rebuild").then().statusCode(202);
        }
        for (String name : evidence) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    SignedIn.asOps().get("/admin/projections/" + name).then().statusCode(200)
                            .body("liveGeneration", equalTo(generations.get(name) + 1)));
        }
        given().queryParam("after", after.toArray()).get("/reports/design-effectiveness").then().statusCode(200);
        assertReadIndexes("activity-facts");
        // a retired generation's positions go with it (no foreign key cascades them any more)
        await().atMost(PATIENCE).until(() -> pool.query("select count(*) from projection_stream_position p "
                        + "where not exists (select 1 from projection_generation g where g.projection = p.projection "
                        + "and g.generation = p.generation and g.state <> 'retired')").execute()
                .await().atMost(PATIENCE).iterator().next().getLong(0) == 0);
    }

    /**
     * Under a steady stream of relay transactions the topics' end is always a record (or a commit marker) ahead of
     * any consumer, so a rebuild that waited to be "at the end" never went live (seen in the fault-injection suite:
     * 120 s at lag 0, still building). It goes live once it has read as far as the live generation, and a reader
     * never sees the history shrink.
     */
    @Test
    void rebuild_whileTransactionsKeepArriving_goesLiveWithoutAReaderSeeingLess() throws Exception {
        LoopScenario watched = new LoopScenario(Instant.parse("2026-04-06T08:00:00Z"));
        UUID team = watched.team("Watched", 3);
        watched.publishAll(kafka);
        awaitAllLive(List.of("team-history"));
        int generation = SignedIn.asOps().get("/admin/projections/team-history").then().extract().path("liveGeneration");
        int size = given().get("/teams/" + team + "/history?limit=500").jsonPath().getList("items").size();
        assertThat(size).isGreaterThan(10);

        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger transactions = new AtomicInteger();
        AtomicInteger failedProducers = new AtomicInteger();
        Thread publisher = new Thread(() -> {
            while (publishing.get()) {
                // as a relay does: a producer whose transaction failed for good (under load the broker can answer a
                // commit racing its own abort of the transaction with INVALID_TXN_STATE) is replaced by a new one
                try (var producer = LoopScenario.transactionalProducer(kafka, "rebuild-test-" + UUID.randomUUID())) {
                    producer.initTransactions();
                    while (publishing.get()) {
                        LoopScenario more = new LoopScenario(Instant.parse("2026-04-06T08:00:00Z"));
                        more.team("Steady " + transactions.get(), 1);
                        LoopScenario.publishInTransaction(producer, more.events());
                        transactions.incrementAndGet();
                    }
                } catch (org.apache.kafka.common.KafkaException e) {
                    failedProducers.incrementAndGet();
                }
            }
        });
        publisher.start();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                Response history = given().get("/teams/" + team + "/history?limit=500");
                if (history.statusCode() != 200 || history.jsonPath().getList("items").size() != size) {
                    wrong.add(history.statusCode() + " " + history.jsonPath().getList("items").size() + " entries");
                }
            }
        });
        reader.start();
        try {
            await().atMost(PATIENCE).until(() -> transactions.get() > 20);
            SignedIn.asOps().post("/admin/projections/team-history/rebuild").then().statusCode(202);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    SignedIn.asOps().get("/admin/projections/team-history").then().statusCode(200)
                            .body("liveGeneration", equalTo(generation + 1)));
            int atSwitch = transactions.get();
            await().atMost(PATIENCE).until(() -> transactions.get() > atSwitch + 5);
            assertThat(publisher.isAlive()).as("transactions kept arriving through the switch").isTrue();
        } finally {
            publishing.set(false);
            reading.set(false);
            publisher.join();
            reader.join();
        }
        assertThat(wrong).as("what a reader saw of the watched team's %d entries", size).isEmpty();
        assertThat(failedProducers.get()).as("producers replaced after a failed transaction").isLessThan(transactions.get());
        awaitAllLive(List.of("team-history"));
    }

    /**
     * A replica that started a rebuild died before the switch: its generation has no runner anywhere. Another
     * replica adopts it, it goes live with every event, and the next rebuild is accepted (it was refused as
     * "already running" for good).
     */
    @Test
    void rebuildWhoseReplicaDied_isAdoptedAndGoesLive() {
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-05-04T08:00:00Z"));
        UUID team = scenario.team("Orphaned", 2);
        scenario.publishAll(kafka);
        awaitAllLive(List.of("activity-facts", "team-history"));
        int size = given().get("/teams/" + team + "/history?limit=500").jsonPath().getList("items").size();
        int live = SignedIn.asOps().get("/admin/projections/team-history").then().extract().path("liveGeneration");

        ProjectionRuntime.Generation orphan = runtime.createWithoutRunner("team-history");
        assertThat(orphan.generation()).isEqualTo(live + 1);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                SignedIn.asOps().get("/admin/projections/team-history").then().statusCode(200)
                        .body("liveGeneration", equalTo(live + 1)).body("state", equalTo("live")));
        assertThat(given().get("/teams/" + team + "/history?limit=500").jsonPath().getList("items")).hasSize(size);
        assertReadIndexes("team-history");
        SignedIn.asOps().post("/admin/projections/team-history/rebuild").then().statusCode(202);
        awaitAllLive(List.of("team-history"));
    }

    /**
     * The live generation has every read index of the projection: a rebuilt one was created without them and built
     * them once it had caught up, before its switch (ADR 9).
     */
    private void assertReadIndexes(String name) {
        List<String> expected = runtime.projections().get(name).readIndexes().stream()
                .map(ddl -> ddl.replaceFirst("(?i)^create index if not exists (\\w+) .*$", "$1")).toList();
        assertThat(expected).isNotEmpty().allSatisfy(index -> assertThat(index).doesNotContain(" "));
        List<String> present = new ArrayList<>();
        pool.preparedQuery("select indexname from pg_indexes where schemaname = (select schema_name "
                        + "from projection_generation where projection = $1 and state = 'live')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(name)).await().atMost(PATIENCE)
                .forEach(row -> present.add(row.getString(0)));
        assertThat(present).containsAll(expected);
    }

    @Test
    void rebuildOfAnUnknownProjection_is404Problem() {
        SignedIn.asOps().post("/admin/projections/no-such-projection/rebuild").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void restartedRunner_resumesAtItsCheckpoint_andAppliesNothingTwice() {
        // whatever earlier suites left on the topics is read first
        awaitAllLive(List.of("team-history"));
        long applied = SignedIn.asOps().get("/admin/projections/team-history").jsonPath().getLong("eventsApplied");
        runtime.restart("team-history");
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-05-04T08:00:00Z"));
        scenario.publishAll(kafka);
        awaitAllLive(List.of("team-history"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(SignedIn.asOps().get("/admin/projections/team-history")
                .jsonPath().getLong("eventsApplied")).isEqualTo(applied + scenario.events().size()));
    }

    @Test
    void twoReplicasRunningTheSameProjection_applyEachEventOnce() {
        awaitAllLive(List.of("team-history"));
        long applied = SignedIn.asOps().get("/admin/projections/team-history").jsonPath().getLong("eventsApplied");
        List<ProjectionRunner> secondReplica = runtime.startAsAnotherReplica("team-history");
        try {
            List<LoopScenario.Published> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.addAll(new LoopScenario(Instant.parse("2026-06-01T08:00:00Z").plusSeconds(i)).events());
            }
            LoopScenario.publish(kafka, events);
            awaitAllLive(List.of("team-history"));
            // a batch applied by both runners would count twice (the history's key would hide the duplicate rows)
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(SignedIn.asOps().get("/admin/projections/team-history")
                    .jsonPath().getLong("eventsApplied")).isEqualTo(applied + events.size()));
        } finally {
            secondReplica.forEach(ProjectionRunner::close);
        }
    }

    @jakarta.inject.Inject
    ProjectionRuntime runtime;

    static Map<String, String> answers(List<UUID> teams) {
        Map<String, String> answers = new HashMap<>();
        for (UUID team : teams) {
            answers.put("history " + team, given().get("/teams/" + team + "/history?limit=500").then().statusCode(200)
                    .extract().asString());
            answers.put("state " + team, given().get("/teams/" + team + "/state?asOf=2030-01-01T00:00:00Z").then()
                    .statusCode(200).extract().asString());
            answers.put("events " + team, SignedIn.asAnalyst().get("/exports/events?teamId=" + team).then().statusCode(200)
                    .extract().asString());
            answers.put("activities " + team, SignedIn.asAnalyst().get("/exports/activities.csv?teamId=" + team).then()
                    .statusCode(200).extract().asString());
        }
        return answers;
    }

    static void awaitAllLive(List<String> projections) {
        for (String name : projections) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    SignedIn.asOps().get("/admin/projections/" + name).then().statusCode(200)
                            .body("state", equalTo("live")).body("lag", equalTo(0)));
        }
    }
}
