package org.learningloop.platform.outbox;

import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learningloop.infra.KafkaBroker;
import org.learningloop.platform.TestDatabase;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.NewEvent;
import org.learningloop.platform.eventstore.RecordedEvent;
import org.learningloop.platform.runtime.TopicSetup;
import org.learningloop.testing.Infrastructure;
import org.learningloop.testing.TopicReader;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.learningloop.platform.TestEvents.event;

class OutboxRelayTest {

    private EventStore store;
    private final List<OutboxRelay> relays = new ArrayList<>();
    private KafkaBroker kafka;
    private TestDatabase db;
    private String topic;

    @BeforeEach
    void setUp() {
        kafka = Infrastructure.kafka();
        db = new TestDatabase();
        store = new EventStore(new OutboxWakeUp(db.pool()));
        topic = "test.relay-" + UUID.randomUUID();
        TopicSetup.ensure(kafka.bootstrapServers(), List.of(topic), 3, (short) 1, null);
    }

    @AfterEach
    void tearDown() {
        relays.forEach(OutboxRelay::close);
        db.close();
    }

    @Test
    void givenEventRecordedOnTopic_thenKeyedByTeamWithCloudEventsHeaders() {
        startRelay();
        UUID team = UUID.randomUUID();
        RecordedEvent stored = append("s-" + UUID.randomUUID(), 0, event(team, 1)).get(0);

        ConsumerRecord<String, String> record = TopicReader.readAtLeast(kafka.bootstrapServers(), topic, 1).get(0);

        assertThat(record.key()).isEqualTo(team.toString());
        assertThat(record.value()).isEqualTo(stored.payload());
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_id")).isEqualTo(stored.eventId().toString());
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("test.something-happened.v1");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/test");
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(team.toString());
        assertThat(TopicReader.header(record, "ce_time")).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
        assertThat(TopicReader.header(record, "ce_dataschema"))
                .isEqualTo("http://schemas.test:8080/schemas/test.something-happened.v1");
    }

    /** The trace context stored with an event is published with it (ADR 19); an event stored without one has none. */
    @Test
    void givenEventsStoredWithAndWithoutATraceContext_thenTheRecordCarriesTheStoredOne_inBothHeaderForms() {
        startRelay();
        UUID team = UUID.randomUUID();
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        NewEvent plain = event(team, 1);
        NewEvent traced = new NewEvent(UUID.randomUUID(), plain.type(), plain.typeVersion(), team, null, team.toString(),
                plain.occurredAt(), "{\"sequence\":2}", "{\"correlationId\":\"test\", \"traceparent\": \"" + traceparent
                        + "\", \"tracestate\": \"loop=1\"}");
        String stream = "s-" + UUID.randomUUID();
        append(stream, 0, plain, traced);

        List<ConsumerRecord<String, String>> records = TopicReader.readAtLeast(kafka.bootstrapServers(), topic, 2);

        assertThat(TopicReader.header(records.get(0), "traceparent")).isNull();
        assertThat(TopicReader.header(records.get(0), "ce_traceparent")).isNull();
        assertThat(TopicReader.header(records.get(1), "traceparent")).isEqualTo(traceparent);
        assertThat(TopicReader.header(records.get(1), "ce_traceparent")).isEqualTo(traceparent);
        assertThat(TopicReader.header(records.get(1), "tracestate")).isEqualTo("loop=1");
        assertThat(TopicReader.header(records.get(1), "ce_tracestate")).isEqualTo("loop=1");
    }

    @Test
    void givenEarlierTransactionStillOpen_whenLaterOneCommits_thenNothingOvertakesIt() throws InterruptedException {
        OutboxRelay relay = startRelay();
        UUID team = UUID.randomUUID();
        warmUp(relay);
        SqlConnection connectionA = db.pool().getConnection().await().indefinitely();
        Transaction transactionA = connectionA.begin().await().indefinitely();
        RecordedEvent eventA = store.append(connectionA, "s", "s-a-" + UUID.randomUUID(), 0, List.of(event(team, 1)))
                .await().indefinitely().get(0);

        RecordedEvent eventB = append("s-b-" + UUID.randomUUID(), 0, event(team, 2)).get(0);
        assertThat(eventB.globalPosition()).isGreaterThan(eventA.globalPosition());
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pending() >= 1); // the relay has seen B, held back
        Thread.sleep(300); // ...and polled again meanwhile
        assertThat(relay.publishedCount()).as("B must wait while A's transaction may still commit").isEqualTo(1);

        transactionA.commit().await().indefinitely();
        connectionA.close().await().indefinitely();

        List<ConsumerRecord<String, String>> records = TopicReader.readAtLeast(kafka.bootstrapServers(), topic, 3).stream()
                .filter(r -> team.toString().equals(r.key())).toList();
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_id"))
                .containsExactly(eventA.eventId().toString(), eventB.eventId().toString());
    }

    @Test
    void givenTransactionThatWroteFirst_whenItAppendsAfterAnotherCommittedToTheStream_thenStreamOrderIsKept() {
        startRelay();
        UUID team = UUID.randomUUID();
        String stream = "s-" + UUID.randomUUID();
        // T1 writes something first (as a consumer's inbox row does), so it has the older transaction id
        SqlConnection connection1 = db.pool().getConnection().await().indefinitely();
        Transaction transaction1 = connection1.begin().await().indefinitely();
        connection1.query("insert into inbox (consumer, event_id) values ('test', gen_random_uuid())").execute()
                .await().indefinitely();

        RecordedEvent first = append(stream, 0, event(team, 1)).get(0);              // T2: version 1, committed
        RecordedEvent second = store.append(connection1, "s", stream, 1, List.of(event(team, 2)))
                .await().indefinitely().get(0);                                         // T1: version 2
        transaction1.commit().await().indefinitely();
        connection1.close().await().indefinitely();

        List<ConsumerRecord<String, String>> records = TopicReader.readAtLeast(kafka.bootstrapServers(), topic, 2);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_id"))
                .containsExactly(first.eventId().toString(), second.eventId().toString());
    }

    @Test
    void givenTwoRelaysOnOneDatabase_thenOnePublishesEachEventOnceInOrder_andTheOtherTakesOver() {
        OutboxRelay first = startRelay();
        OutboxRelay second = startRelay();
        List<UUID> teams = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
        appendConcurrently(teams, 40);

        TopicReader.readAtLeast(kafka.bootstrapServers(), topic, 240);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.pending() == 0 && second.pending() == 0);
        assertNoDuplicatesAndInOrderPerTeam(TopicReader.readToEnd(kafka.bootstrapServers(), topic), teams, 40);
        assertThat(List.of(first.role(), second.role()))
                .containsExactlyInAnyOrder(OutboxRelay.Role.LEADING, OutboxRelay.Role.STANDBY);

        OutboxRelay leader = first.role() == OutboxRelay.Role.LEADING ? first : second;
        OutboxRelay standby = leader == first ? second : first;
        leader.close();
        appendConcurrently(teams, 5);

        TopicReader.readAtLeast(kafka.bootstrapServers(), topic, 270);
        await().atMost(Duration.ofSeconds(30)).until(() -> standby.pending() == 0);
        assertNoDuplicatesAndInOrderPerTeam(TopicReader.readToEnd(kafka.bootstrapServers(), topic), teams, 45);
        assertThat(standby.role()).isEqualTo(OutboxRelay.Role.LEADING);
    }

    @Test
    void givenBrokerAway_whenEventsAppended_thenAllPublishedInOrderOnceItIsBack() {
        OutboxRelay relay = startRelay();
        List<UUID> teams = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        appendConcurrently(teams, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.publishedCount() == 15);

        kafka.stop();
        try {
            appendConcurrently(teams, 10, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.lastError() != null);
            assertThat(relay.publishedCount()).isEqualTo(15);
        } finally {
            kafka.start();
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka.bootstrapServers(), topic,
                Duration.ofSeconds(90), read -> distinctIds(read).size() >= 45);
        Map<String, List<Long>> firstSeen = firstOccurrenceVersionsPerTeam(records);
        for (UUID team : teams) {
            assertThat(firstSeen.get(team.toString())).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 15).mapToObj(Long::valueOf).toList());
        }
    }

    @Test
    void givenASendThatFailsInTheMiddleOfARound_whenTheRelayGoesOn_thenEveryTeamsStreamIsSeenInOrder() {
        List<UUID> teams = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        for (int version = 0; version < 5; version++) { // interleaved: a, b, c, a, b, c, ...
            for (UUID team : teams) {
                append("team-" + team, version, event(team, version + 1));
            }
        }
        // the 6th send of the round fails at once, as a send does when the broker's metadata cannot be had;
        // the sends after it would reach the broker
        AtomicInteger sends = new AtomicInteger();
        OutboxRelay relay = startRelay(config -> failing(new KafkaProducer<>(config), sends, 6));

        await().atMost(Duration.ofSeconds(60)).until(() -> relay.publishedCount() == 15);

        assertThat(sends.get()).as("the failed round was sent again").isGreaterThan(15);
        // commitTransaction returns once the commit is decided; the markers that make the records visible to a
        // read_committed reader reach the partitions just after, so read to the end only once all 15 are visible
        TopicReader.readAtLeast(kafka.bootstrapServers(), topic, 15);
        List<ConsumerRecord<String, String>> records = TopicReader.readToEnd(kafka.bootstrapServers(), topic);
        Map<String, List<Long>> firstSeen = firstOccurrenceVersionsPerTeam(records);
        for (UUID team : teams) {
            assertThat(firstSeen.get(team.toString())).as("team %s", team).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
        assertThat(distinctIds(records)).hasSize(records.size());
    }

    @Test
    void givenBrokerWithheldWhileARoundIsInFlight_thenEveryTeamsStreamIsSeenInOrder_andNothingIsLost() {
        List<UUID> teams = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();
        appendConcurrently(teams, 150);
        OutboxRelay relay = startRelay();

        await().atMost(Duration.ofSeconds(60)).until(() -> relay.publishedCount() > 0);
        kafka.stop();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> relay.lastError() != null);
        } finally {
            kafka.start();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> relay.publishedCount() >= 600 && relay.pending() == 0);
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka.bootstrapServers(), topic,
                Duration.ofSeconds(90), read -> distinctIds(read).size() >= 600);
        Map<String, List<Long>> firstSeen = firstOccurrenceVersionsPerTeam(records);
        for (UUID team : teams) {
            assertThat(firstSeen.get(team.toString())).as("team %s", team).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 150).mapToObj(Long::valueOf).toList());
        }
    }

    /** {@code producer}, except that the {@code failing}-th send of all (counted in {@code sends}) fails at once. */
    @SuppressWarnings("unchecked")
    private static Producer<String, byte[]> failing(Producer<String, byte[]> producer, AtomicInteger sends, int failing) {
        return (Producer<String, byte[]>) Proxy.newProxyInstance(OutboxRelayTest.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && sends.incrementAndGet() == failing) {
                        CompletableFuture<RecordMetadata> failed = new CompletableFuture<>();
                        failed.completeExceptionally(new TimeoutException("Topic not present in metadata (injected)"));
                        return failed;
                    }
                    try {
                        return method.invoke(producer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Publishes one event first, so the relay leads and its producer is connected. */
    private void warmUp(OutboxRelay relay) {
        append("s-warm-" + UUID.randomUUID(), 0, event(UUID.randomUUID(), 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.publishedCount() == 1);
    }

    /**
     * A committed append wakes the relay (ADR 24): with its poll a minute away, it publishes the append at once. The
     * first append is published before the second is made, so the relay is idle, waiting, when the second commits.
     */
    @Test
    void givenARelayThatPollsOnlyEveryMinute_whenAnAppendCommits_thenTheRelayIsWokenAndPublishesIt() {
        OutboxRelay relay = startRelay(KafkaProducer::new, Duration.ofMinutes(1));
        UUID team = UUID.randomUUID();
        String stream = "s-" + UUID.randomUUID();
        append(stream, 0, event(team, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.publishedCount() == 1);

        append(stream, 1, event(team, 2));

        await().atMost(Duration.ofSeconds(20)).until(() -> relay.publishedCount() == 2);
    }

    private OutboxRelay startRelay() {
        return startRelay(KafkaProducer::new);
    }

    private OutboxRelay startRelay(Function<Map<String, Object>, Producer<String, byte[]>> producers) {
        return startRelay(producers, Duration.ofMillis(500));
    }

    private OutboxRelay startRelay(Function<Map<String, Object>, Producer<String, byte[]>> producers, Duration poll) {
        RelaySettings settings = new RelaySettings(topic, "/test", 50, poll, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(1), "http://schemas.test:8080/");
        OutboxRelay relay = new OutboxRelay(db.dataSource(), kafka.bootstrapServers(), Map.of(), settings, producers)
                .start();
        relays.add(relay);
        return relay;
    }

    private List<RecordedEvent> append(String stream, long expected, NewEvent... events) {
        return db.pool().withTransaction(tx -> store.append(tx, "s", stream, expected, List.of(events)))
                .await().indefinitely();
    }

    /** One stream per team, {@code count} single-event appends each; the teams' appends interleave. */
    private void appendConcurrently(List<UUID> teams, int count) {
        Map<UUID, Long> versions = new HashMap<>();
        for (UUID team : teams) {
            versions.put(team, store.currentVersion(db.pool(), "team-" + team).await().indefinitely());
        }
        appendConcurrently(teams, count, versions.values().iterator().next().intValue());
    }

    /**
     * On threads of its own rather than the common pool's: these inherit the test's class loader, the
     * common pool's threads have the system class loader, which differs once a {@code @QuarkusTest}
     * runs in the same JVM.
     */
    private void appendConcurrently(List<UUID> teams, int count, int from) {
        ExecutorService writers = Executors.newFixedThreadPool(teams.size());
        try {
            List<Future<?>> writes = teams.stream().<Future<?>>map(team -> writers.submit(() -> {
                for (int i = from; i < from + count; i++) {
                    append("team-" + team, i, event(team, i + 1));
                }
            })).toList();
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            writers.shutdownNow();
        }
    }

    private static void assertNoDuplicatesAndInOrderPerTeam(List<ConsumerRecord<String, String>> records,
                                                            List<UUID> teams, int perTeam) {
        assertThat(records).hasSize(teams.size() * perTeam);
        assertThat(distinctIds(records)).hasSize(records.size());
        Map<String, List<Long>> versions = firstOccurrenceVersionsPerTeam(records);
        for (UUID team : teams) {
            assertThat(versions.get(team.toString())).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, perTeam).mapToObj(Long::valueOf).toList());
        }
    }

    private static Set<String> distinctIds(List<ConsumerRecord<String, String>> records) {
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(TopicReader.header(r, "ce_id")));
        return ids;
    }

    private static Map<String, List<Long>> firstOccurrenceVersionsPerTeam(List<ConsumerRecord<String, String>> records) {
        Set<String> seen = new LinkedHashSet<>();
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        records.stream()
                .sorted(java.util.Comparator.comparingInt((ConsumerRecord<String, String> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .filter(r -> seen.add(TopicReader.header(r, "ce_id")))
                .forEach(r -> versions.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(TopicReader.header(r, "ce_streamversion"))));
        return versions;
    }
}
