package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.reporting.history.TeamHistoryProjection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.learningloop.testing.SignedIn;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Replay speed: a rebuild of team-history (batches, one transaction per batch) against the per-event path
 * (slice 1's live path: one inbox transaction per event). Prints both figures; run on purpose with
 * {@code mvn -B -o test -pl reporting-service -Dtest=ReplayBench -Dgroups=bench -DexcludedGroups=none}.
 */
@Tag("bench")
@QuarkusTest
class ReplayBench {

    private static final int TEAMS = 40;
    private static final int WEEKS = 50;
    private static final int PER_EVENT_SAMPLE = 3000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Pool pool;

    @Inject
    Inbox inbox;

    @Inject
    TeamHistoryProjection teamHistory;

    @Test
    void rebuildReplay_isFarFasterThanTheLivePath() {
        LoopScenario scenario = new LoopScenario(Instant.parse("2025-01-06T08:00:00Z"));
        for (int i = 0; i < TEAMS; i++) {
            scenario.team("Team " + i, WEEKS);
        }
        scenario.publishAll(kafka);
        int events = scenario.events().size();
        RebuildTest.awaitAllLive(List.of("team-history", "activity-facts"));
        int generation = SignedIn.asOps().get("/admin/projections/team-history").jsonPath().getInt("liveGeneration");

        List<ConsumerRecord<String, String>> sample = read(PER_EVENT_SAMPLE);
        pool.query("create schema bench_live").execute().await().indefinitely();
        pool.withTransaction(tx -> tx.query("set local search_path to bench_live, public").execute()
                .chain(() -> {
                    io.smallrye.mutiny.Uni<Void> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
                    for (String ddl : java.util.stream.Stream.concat(teamHistory.ddl().stream(), teamHistory.readIndexes().stream()).toList()) {
                        chain = chain.chain(() -> tx.query(ddl).execute().replaceWithVoid());
                    }
                    return chain;
                })).await().indefinitely();
        long liveStarted = System.nanoTime();
        for (ConsumerRecord<String, String> record : sample) {
            inbox.consume("bench.per-event", record, (tx, event) -> tx.query("set local search_path to bench_live, public")
                    .execute().chain(() -> teamHistory.apply(tx, event))).await().indefinitely();
        }
        double liveRate = sample.size() / ((System.nanoTime() - liveStarted) / 1e9);

        long started = System.nanoTime();
        SignedIn.asOps().post("/admin/projections/team-history/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                SignedIn.asOps().get("/admin/projections/team-history").then().body("liveGeneration", equalTo(generation + 1)));
        double replaySeconds = (System.nanoTime() - started) / 1e9;
        long replayed = SignedIn.asOps().get("/admin/projections/team-history").jsonPath().getLong("eventsApplied");
        double replayRate = replayed / replaySeconds;

        System.out.printf("%nREPLAY BENCH: %d events published (%d teams x %d weeks)%n", events, TEAMS, WEEKS);
        System.out.printf("REPLAY BENCH: rebuild of team-history replayed %d events in %.1f s = %.0f events/s%n",
                replayed, replaySeconds, replayRate);
        System.out.printf("REPLAY BENCH: per-event path (inbox, one transaction per event) %d events = %.0f events/s%n",
                sample.size(), liveRate);
        System.out.printf("REPLAY BENCH: replay is %.1fx the per-event path%n%n", replayRate / liveRate);
        assertThat(replayed).isGreaterThanOrEqualTo(events);
        assertThat(replayRate).isGreaterThan(liveRate);
    }

    private List<ConsumerRecord<String, String>> read(int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("loop.goals", "loop.activities", "loop.learning")) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (records.size() < count) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.subList(0, count);
        }
    }
}
