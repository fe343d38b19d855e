package org.learningloop.platform.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import org.learningloop.platform.outbox.OutboxWakeUp;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The append-only event store in the service's own PostgreSQL database. Appends go in the caller's
 * transaction together with their outbox rows, so an event is stored and due for publishing, or
 * neither. Once that transaction commits, the outbox relays are woken ({@link OutboxWakeUp}, ADR 26).
 */
public final class EventStore {

    /** The expected version of a stream that must not exist yet. */
    public static final long NO_STREAM = 0;

    private static final String COLUMNS = """
            global_position, event_id, stream_type, stream_id, stream_version, event_type, type_version,
            team_id, unit_id, subject, occurred_at, recorded_at, payload::text as payload, metadata::text as metadata""";

    private static final String VERSION_CONSTRAINT = "event_store_stream_version_unique";

    /**
     * The most an event's payload and metadata may take, in UTF-8 bytes: well below what the broker accepts in one
     * record (1 MiB by default, headers and batch overhead included).
     */
    public static final int MAX_EVENT_BYTES = 512 * 1024;

    private final Runnable committed;

    /** A store whose appends wake no relay (the relay's poll finds them): for tests of the storage alone. */
    public EventStore() {
        this(() -> { });
    }

    /** A store whose committed appends wake the outbox relays through {@code wakeUp}. */
    public EventStore(OutboxWakeUp wakeUp) {
        this(wakeUp::committed);
    }

    private EventStore(Runnable committed) {
        this.committed = committed;
    }

    /**
     * Appends {@code events} to {@code streamId}, which must stand at {@code expectedVersion}
     * ({@link #NO_STREAM} for a new stream). Call it inside a transaction.
     *
     * @return the stored events, failing with {@link StreamConflict} when the stream moved on, with
     *         {@link EventTooLarge} when an event exceeds {@link #MAX_EVENT_BYTES} and with {@link StreamKeyChanged}
     *         when an event's subject (its Kafka key) is not the stream's
     */
    public Uni<List<RecordedEvent>> append(SqlClient tx, String streamType, String streamId, long expectedVersion,
                                           List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        for (NewEvent event : events) {
            int bytes = event.payload().getBytes(StandardCharsets.UTF_8).length
                    + event.metadata().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_EVENT_BYTES) {
                return Uni.createFrom().failure(new EventTooLarge(event.type(), bytes, MAX_EVENT_BYTES));
            }
        }
        String key = events.get(0).subject();
        for (NewEvent event : events) {
            if (!key.equals(event.subject())) {
                return Uni.createFrom().failure(new StreamKeyChanged(streamId, key, event.subject()));
            }
        }
        return insert(tx, streamType, streamId, expectedVersion, events)
                .onFailure(EventStore::isVersionClash)
                .transform(clash -> new StreamConflict(streamId, expectedVersion, -1))
                .chain(stored -> stored.size() == events.size()
                        ? Uni.createFrom().item(stored)
                        : refusal(tx, streamId, expectedVersion, key))
                .invoke(() -> wakeRelaysOnCommit(tx));
    }

    /** Wakes the relays once {@code tx}'s transaction has committed (at once when it is not a transaction). */
    private void wakeRelaysOnCommit(SqlClient tx) {
        Transaction transaction = tx instanceof SqlConnection connection ? connection.transaction() : null;
        if (transaction == null) {
            committed.run();
            return;
        }
        transaction.completion().subscribe().with(ok -> committed.run(), rolledBack -> { });
    }

    /**
     * Takes {@code streamId}'s lock until the caller's transaction ends (ADR 25): the writers of one stream queue here
     * instead of each reading the same version and all but one losing at the append. Take it before reading the
     * stream's version.
     */
    public Uni<Void> lockStream(SqlClient tx, String streamId) {
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("stream:" + streamId))
                .replaceWithVoid();
    }

    /** The stream's events in order; empty when it does not exist. */
    public Uni<List<RecordedEvent>> readStream(SqlClient client, String streamId) {
        return client.preparedQuery("select " + COLUMNS + " from event_store where stream_id = $1 order by stream_version")
                .execute(Tuple.of(streamId))
                .map(EventStore::toEvents);
    }

    /** The stream's events from version {@code fromVersion} on, in order; empty when it has none there. */
    public Uni<List<RecordedEvent>> readStreamFrom(SqlClient client, String streamId, long fromVersion) {
        return client.preparedQuery("select " + COLUMNS
                        + " from event_store where stream_id = $1 and stream_version >= $2 order by stream_version")
                .execute(Tuple.of(streamId, fromVersion))
                .map(EventStore::toEvents);
    }

    /** A team's events in the order they were stored, after {@code afterPosition}, at most {@code limit}. */
    public Uni<List<RecordedEvent>> readTeam(SqlClient client, UUID teamId, long afterPosition, int limit) {
        return client.preparedQuery("select " + COLUMNS
                        + " from event_store where team_id = $1 and global_position > $2 order by global_position limit $3")
                .execute(Tuple.of(teamId, afterPosition, limit))
                .map(EventStore::toEvents);
    }

    /** The stream's version: the number of its events, 0 when it does not exist. */
    public Uni<Long> currentVersion(SqlClient client, String streamId) {
        return client.preparedQuery("select coalesce(max(stream_version), 0) as version from event_store where stream_id = $1")
                .execute(Tuple.of(streamId))
                .map(rows -> rows.iterator().next().getLong("version"));
    }

    /**
     * Stores each event with its outbox row in one statement, pipelined: one round trip for the whole append. An
     * event is stored only when the stream stands just before its version and its key (the first event's subject;
     * events stored before that rule may differ after it) is the event's; otherwise the statement stores nothing
     * and the append has fewer rows than events.
     */
    private Uni<List<RecordedEvent>> insert(SqlClient tx, String streamType, String streamId, long expectedVersion,
                                            List<NewEvent> events) {
        List<Tuple> rows = new ArrayList<>(events.size());
        long version = expectedVersion;
        for (NewEvent event : events) {
            rows.add(Tuple.tuple()
                    .addUUID(event.eventId()).addString(streamType).addString(streamId).addLong(++version)
                    .addString(event.type()).addInteger(event.typeVersion())
                    .addUUID(event.teamId()).addUUID(event.unitId()).addString(event.subject())
                    .addOffsetDateTime(OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                    // bound as text so PostgreSQL parses the JSON: numbers stay exact (no double on the way)
                    .addString(event.payload()).addString(event.metadata()));
        }
        return tx.preparedQuery("""
                        with stream as (
                            select coalesce(max(stream_version), 0) as version,
                                   (select subject from event_store where stream_id = $3
                                    order by stream_version limit 1) as subject
                            from event_store where stream_id = $3),
                        stored as (
                            insert into event_store (event_id, stream_type, stream_id, stream_version, event_type,
                                                     type_version, team_id, unit_id, subject, occurred_at, payload,
                                                     metadata)
                            select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12::text::jsonb
                            from stream
                            where stream.version + 1 = $4 and coalesce(stream.subject, $9) = $9
                            returning\s""" + COLUMNS + """
                        ),
                        queued as (insert into outbox (global_position) select global_position from stored)
                        select * from stored""")
                .executeBatch(rows)
                .map(EventStore::toBatchEvents);
    }

    /** Why an append stored nothing: the stream moved on, or its key is not the events'. */
    private Uni<List<RecordedEvent>> refusal(SqlClient tx, String streamId, long expectedVersion, String key) {
        return tx.preparedQuery("""
                        select coalesce(max(stream_version), 0) as version,
                               (select subject from event_store where stream_id = $1 order by stream_version limit 1) as subject
                        from event_store where stream_id = $1""")
                .execute(Tuple.of(streamId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long actual = row.getLong("version");
                    String streamKey = row.getString("subject");
                    if (actual == expectedVersion && streamKey != null && !key.equals(streamKey)) {
                        throw new StreamKeyChanged(streamId, streamKey, key);
                    }
                    throw new StreamConflict(streamId, expectedVersion, actual);
                });
    }

    private static boolean isVersionClash(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && VERSION_CONSTRAINT.equals(pg.getConstraint());
    }

    private static List<RecordedEvent> toEvents(RowSet<Row> rows) {
        List<RecordedEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(toEvent(row));
        }
        return events;
    }

    private static List<RecordedEvent> toBatchEvents(RowSet<Row> first) {
        List<RecordedEvent> events = new ArrayList<>();
        for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
            for (Row row : rows) {
                events.add(toEvent(row));
            }
        }
        return events;
    }

    static RecordedEvent toEvent(Row row) {
        return new RecordedEvent(row.getLong("global_position"), row.getUUID("event_id"), row.getString("stream_type"),
                row.getString("stream_id"), row.getLong("stream_version"), row.getString("event_type"),
                row.getInteger("type_version"), row.getUUID("team_id"), row.getUUID("unit_id"),
                row.getString("subject"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getOffsetDateTime("recorded_at").toInstant(), row.getString("payload"), row.getString("metadata"));
    }
}
