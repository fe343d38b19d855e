package org.learningloop.platform.outbox;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.learningloop.platform.messaging.Backoff;
import org.learningloop.platform.messaging.Failures;
import org.learningloop.platform.observability.Traces;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Publishes the events of the transactional outbox to the service's topic, at least once and in
 * order per team. See {@code docs/adr/0002-outbox-relay-and-gap-safety.md}.
 *
 * <ul>
 *   <li><b>Gap safety.</b> It publishes only rows whose transaction id is below the oldest
 *       transaction still running ({@code pg_snapshot_xmin}): no transaction that could still add
 *       a row in front of them is running, so nothing is ever skipped. Among those rows it follows
 *       the position, which is the stream order: a stream's next version is inserted only after
 *       its previous one committed, and whenever the later one is due, so is the earlier.</li>
 *   <li><b>One publisher.</b> Each relay holds a session-level advisory lock while it publishes;
 *       other replicas stand by and take over when the holder's session ends.</li>
 *   <li><b>Prompt.</b> {@code LISTEN loop_outbox} wakes it after commits that added outbox rows
 *       ({@link OutboxWakeUp}, ADR 26); a slow poll is the safety net.</li>
 *   <li><b>Nothing lost.</b> A row leaves the outbox only after the broker acknowledged it and
 *       every row before it; after a failure the producer is replaced and the rest is resent.</li>
 *   <li><b>Order per key under any failure.</b> Each round is one Kafka transaction: it commits only
 *       when every send of the round was acknowledged, and is aborted at the first failure, so a
 *       {@code read_committed} consumer never sees a later event of a stream without the earlier
 *       ones. The transactional id is the relay's (topic and database): a new leader fences the old.</li>
 * </ul>
 */
public final class OutboxRelay implements AutoCloseable {

    /** Whether this relay is the one publishing. */
    public enum Role { STARTING, LEADING, STANDBY, STOPPED }

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String DUE = """
            select o.global_position, e.event_id, e.event_type, e.type_version, e.subject, e.stream_id,
                   e.stream_version, e.occurred_at, e.recorded_at, e.payload::text as payload, e.metadata ->> 'correlationId' as correlation_id,
                   e.metadata ->> 'actor' as actor, e.metadata ->> 'traceparent' as traceparent,
                   e.metadata ->> 'tracestate' as tracestate
            from outbox o
            join event_store e on e.global_position = o.global_position
            where o.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            order by o.global_position
            limit ?""";

    private final DataSource dataSource;
    private final Map<String, Object> producerConfig;
    private final RelaySettings settings;
    private final Thread thread;
    private final AtomicReference<Role> role = new AtomicReference<>(Role.STARTING);
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<Instant> lastPublishedAt = new AtomicReference<>();
    private volatile Consumer<Duration> publishLatency = latency -> { };
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Instant> oldestPendingAt = new AtomicReference<>();
    private volatile boolean running = true;
    private final Function<Map<String, Object>, Producer<String, byte[]>> producers;
    private Producer<String, byte[]> producer;
    private String transactionalId;

    /**
     * How the services' own producers deliver (the relay's, and the text keys' of ADR 18): every record acknowledged
     * by all in-sync replicas, idempotent and in order, sent at once; a broker away fails a send within seconds, so
     * the caller retries from its table rather than block.
     */
    public static final Map<String, Object> DELIVERY = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);

    /**
     * @param clientConfig the settings the service's Kafka clients share (security, network); the
     *                     relay's own delivery settings, serializers and client id go over them
     */
    public OutboxRelay(DataSource dataSource, String bootstrapServers, Map<String, Object> clientConfig,
                       RelaySettings settings) {
        this(dataSource, bootstrapServers, clientConfig, settings, KafkaProducer::new);
    }

    /** As above, with the producers made by {@code producers} from their configuration (tests inject failures). */
    OutboxRelay(DataSource dataSource, String bootstrapServers, Map<String, Object> clientConfig, RelaySettings settings,
                Function<Map<String, Object>, Producer<String, byte[]>> producers) {
        this.producers = producers;
        this.dataSource = dataSource;
        this.settings = settings;
        this.producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.putAll(DELIVERY);
        producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + settings.topic() + "-" + UUID.randomUUID());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.thread = new Thread(this::run, "outbox-relay-" + settings.topic());
        this.thread.setDaemon(true);
    }

    public OutboxRelay start() {
        thread.start();
        return this;
    }

    /** The configuration the relay's producer is created with. */
    public Map<String, Object> producerConfig() {
        return Map.copyOf(producerConfig);
    }

    public Role role() {
        return role.get();
    }

    /** Events this relay has published since it started. */
    public long publishedCount() {
        return published.get();
    }

    /** The last failure, or {@code null} after a successful round. */
    public String lastError() {
        return lastError.get();
    }

    /**
     * Tells {@code observer} each published event's latency: from its transaction's start (its {@code recorded_at})
     * to the broker's acknowledgement of the round that carried it.
     */
    public OutboxRelay observePublishLatency(Consumer<Duration> observer) {
        this.publishLatency = observer;
        return this;
    }

    public Instant lastPublishedAt() {
        return lastPublishedAt.get();
    }

    /**
     * Events waiting in the outbox (not yet safe to publish, or not yet acknowledged), as of this relay's last look
     * (before and after each round it leads; a round that fails leaves the count from before it).
     */
    public long pending() {
        return pending.get();
    }

    /** When the oldest event waiting in the outbox was recorded, as of the last look; {@code null}: none waits. */
    public Instant oldestPendingAt() {
        return oldestPendingAt.get();
    }

    @Override
    public void close() {
        running = false;
        // the only interrupt, after 'running' is cleared: a pause or a wait it cuts short ends the loop
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProducer(Duration.ofSeconds(5));
        role.set(Role.STOPPED);
    }

    private void run() {
        try {
            relay();
        } catch (Throwable fatal) {
            lastError.set(Failures.describe(fatal));
            LOG.errorf(fatal, "Outbox relay for %s stopped", settings.topic());
            throw fatal;
        } finally {
            role.set(Role.STOPPED);
        }
    }

    /**
     * Leads or stands by until closed. The session is a physical connection of its own (never a
     * pooled one): the advisory lock and LISTEN belong to it, and closing it releases both.
     */
    private void relay() {
        Backoff backoff = Backoff.upTo(settings.maxBackoff());
        while (running) {
            try (Connection session = dataSource.getConnection()) {
                session.setAutoCommit(true);
                if (!tryLock(session)) {
                    role.set(Role.STANDBY);
                    Backoff.sleep(settings.takeoverInterval());
                    continue;
                }
                role.set(Role.LEADING);
                LOG.infof("Outbox relay for %s is publishing", settings.topic());
                transactionalId = transactionalIdPrefix(settings.topic()) + database(session);
                listen(session);
                publishWhileLeading(session);
                backoff.reset();
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                Duration wait = backoff.next();
                lastError.set(Failures.describe(e));
                LOG.warnf("Outbox relay for %s failed, retrying in %d ms: %s", settings.topic(), wait.toMillis(),
                        Failures.describe(e));
                closeProducer(Duration.ZERO);
                Backoff.sleep(wait);
            }
        }
    }

    private void publishWhileLeading(Connection session) throws SQLException {
        Backoff heldBack = new Backoff(settings.heldBackRetry(), settings.pollInterval());
        measure(session);
        while (running) {
            Round round = publishRound(session);
            long waiting = measure(session);
            if (round.full()) {
                continue;
            }
            if (waiting > 0) {
                // held back behind a running transaction: look again soon, then less and less often
                awaitNotification(session, heldBack.next());
            } else {
                heldBack.reset();
                awaitNotification(session, settings.pollInterval());
            }
        }
    }

    /**
     * Reads the events that are safe to publish and sends them in order in one Kafka transaction; removes them
     * once it committed. At the first failed send the transaction is aborted and the round fails: no event after
     * the failed one becomes visible to {@code read_committed} consumers, and the next round sends it all again.
     */
    private Round publishRound(Connection session) throws SQLException {
        List<Due> due = readDue(session);
        if (due.isEmpty()) {
            return new Round(0, false);
        }
        Producer<String, byte[]> kafka = producer();
        kafka.beginTransaction();
        Throwable failure = null;
        List<Future<RecordMetadata>> sends = new ArrayList<>(due.size());
        for (Due event : due) {
            try {
                Future<RecordMetadata> send = kafka.send(event.toRecord(settings));
                sends.add(send);
                if (send.isDone()) {
                    send.get(); // failed before it was handed to the broker (e.g. no metadata): stop here
                }
            } catch (ExecutionException e) {
                failure = e.getCause();
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        for (int i = 0; i < sends.size() && failure == null; i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            }
        }
        if (failure != null) {
            abort(kafka);
            throw new IllegalStateException("Kafka did not acknowledge an event for " + settings.topic()
                    + "; the round's transaction is aborted and will be sent again", failure);
        }
        kafka.commitTransaction();
        remove(session, due.stream().map(Due::position).toList());
        published.addAndGet(due.size());
        Instant now = Instant.now();
        lastPublishedAt.set(now);
        Consumer<Duration> observer = publishLatency;
        due.forEach(event -> observer.accept(Duration.between(event.recordedAt(), now)));
        lastError.set(null);
        return new Round(due.size(), due.size() == settings.batchSize());
    }

    /** Aborts the round's transaction; when even that fails, the next producer's initialisation aborts it. */
    private void abort(Producer<String, byte[]> kafka) {
        try {
            kafka.abortTransaction();
        } catch (RuntimeException e) {
            LOG.debugf("Aborting the relay's transaction for %s: %s", settings.topic(), e.getMessage());
        }
    }

    private List<Due> readDue(Connection session) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(DUE)) {
            statement.setInt(1, settings.batchSize());
            try (ResultSet rows = statement.executeQuery()) {
                List<Due> due = new ArrayList<>();
                while (rows.next()) {
                    due.add(new Due(rows.getLong("global_position"), rows.getObject("event_id", UUID.class),
                            rows.getString("event_type") + ".v" + rows.getInt("type_version"), rows.getString("subject"),
                            rows.getString("stream_id"), rows.getLong("stream_version"),
                            rows.getTimestamp("occurred_at").toInstant(), rows.getTimestamp("recorded_at").toInstant(),
                            rows.getString("payload"),
                            rows.getString("correlation_id"), rows.getString("actor"), rows.getString("traceparent"),
                            rows.getString("tracestate")));
                }
                return due;
            }
        }
    }

    private static void remove(Connection session, List<Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = session.prepareStatement("delete from outbox where global_position = any (?)")) {
            Array array = session.createArrayOf("bigint", positions.toArray());
            statement.setArray(1, array);
            statement.executeUpdate();
        }
    }

    /** Counts the outbox's events and finds the oldest one's time (for {@link #pending()}, {@link #oldestPendingAt()}). */
    private long measure(Connection session) throws SQLException {
        try (Statement statement = session.createStatement();
             ResultSet rows = statement.executeQuery("select count(*), min(e.occurred_at) from outbox o "
                     + "join event_store e on e.global_position = o.global_position")) {
            rows.next();
            java.sql.Timestamp oldest = rows.getTimestamp(2);
            oldestPendingAt.set(oldest == null ? null : oldest.toInstant());
            pending.set(rows.getLong(1));
            return rows.getLong(1);
        }
    }

    private boolean tryLock(Connection session) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, "outbox-relay:" + settings.topic());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static void listen(Connection session) throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute("listen loop_outbox");
        }
    }

    private void awaitNotification(Connection session, Duration wait) throws SQLException {
        if (!running) {
            return;
        }
        session.unwrap(PGConnection.class).getNotifications((int) Math.max(1, wait.toMillis()));
    }

    /**
     * The leader's transactional producer. Initialising it fences any earlier producer with the same
     * transactional id (an earlier leader, or this relay before a failure) and aborts its open transaction.
     */
    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(producerConfig);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            Producer<String, byte[]> created = producers.apply(config);
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    /**
     * What every transactional id of the relay publishing to {@code topic} starts with; the database's name
     * follows. A Kafka ACL on this prefix lets the service's relay, and only it, publish in transactions.
     */
    public static String transactionalIdPrefix(String topic) {
        return "outbox-relay:" + topic + ":";
    }

    private static String database(Connection session) throws SQLException {
        try (Statement statement = session.createStatement();
             ResultSet rows = statement.executeQuery("select current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debugf("Closing the relay's producer: %s", e.getMessage());
            }
            producer = null;
        }
    }

    private record Round(int sent, boolean full) {
    }

    private record Due(long position, UUID eventId, String ceType, String subject, String streamId, long streamVersion,
                       Instant occurredAt, Instant recordedAt, String payload, String correlationId, String actor, String traceparent,
                       String tracestate) {

        ProducerRecord<String, byte[]> toRecord(RelaySettings settings) {
            Headers headers = CloudEventHeaders.of(eventId, settings.source(), ceType, settings.dataSchema(ceType),
                    subject, occurredAt, streamId, streamVersion, correlationId, actor);
            Traces.addTo(headers, traceparent, tracestate);
            return new ProducerRecord<>(settings.topic(), null, subject, payload.getBytes(StandardCharsets.UTF_8),
                    headers);
        }
    }
}
