package org.learningloop.platform.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.platform.http.StreamPosition;
import org.learningloop.platform.messaging.Backoff;
import org.learningloop.platform.messaging.Poison;
import org.learningloop.platform.observability.LoopMetrics;
import org.learningloop.platform.observability.Logs;
import org.learningloop.platform.outbox.CloudEventHeaders;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Applies each published event once per consumer: the event id is recorded in the same transaction
 * as the consumer's effect, so a redelivered event finds its id and does nothing. A record that
 * cannot be decoded, or whose effect fails the same way every time ({@link Poison}: the domain refuses it, a null
 * where a value must be, data the database refuses), fails as {@link PoisonEvent} for the dead-letter topic; any
 * other failure (database away, concurrent append) is retried with {@link Backoff}'s bounds, holding the partition
 * so later events of the team never overtake it.
 */
public final class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final Pool pool;
    private final EventCatalog catalog;
    private final LoopMetrics metrics;

    public Inbox(Pool pool, EventCatalog catalog, LoopMetrics metrics) {
        this.pool = pool;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    /** The service's meters: reporting-service's projection runtime counts its dead letters there too. */
    public LoopMetrics metrics() {
        return metrics;
    }

    /**
     * Decodes {@code record} and applies {@code effect} to it once for {@code consumer}.
     *
     * @param effect runs inside the transaction that records the event id
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record,
                             BiFunction<SqlConnection, IncomingEvent, Uni<Void>> effect) {
        metrics.consumer(consumer);
        IncomingEvent incoming;
        try {
            incoming = decode(record);
        } catch (PoisonEvent poison) {
            LOG.warnf("Poison record at %s-%d@%d for %s: %s", record.topic(), record.partition(), record.offset(),
                    consumer, poison.getMessage());
            return Uni.createFrom().failure(poison(consumer, Poison.undecodable(poison.getMessage()),
                    poison.getCause()));
        }
        Logs.handling(incoming.eventId(), incoming.type(), incoming.streamId());
        LOG.debugf("%s applies %s (%s) of %s", consumer, incoming.eventId(), incoming.type(), incoming.streamId());
        return pool.withTransaction(tx -> firstTime(tx, consumer, incoming.eventId())
                        .chain(first -> first ? effect.apply(tx, incoming) : Uni.createFrom().voidItem()))
                .onFailure(Poison::deterministic).transform(failure -> poison(consumer,
                        Poison.of(failure, Poison.DOMAIN), failure))
                .onFailure(failure -> !(failure instanceof PoisonEvent))
                .invoke(failure -> LOG.warnf("Applying %s (%s) for %s failed, will retry: %s", incoming.eventId(),
                        incoming.type(), consumer, failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEvent))
                .retry().withBackOff(Backoff.FIRST, Backoff.CONSUMER_CAP).indefinitely()
                .replaceWithVoid()
                .eventually(Logs::handled);
    }

    /**
     * A poison record's failure, its message (the dead letter's {@code dead-letter-reason}) beginning with the
     * consumer's name: several consumers of one service dead-letter to the same topic, and whoever reads it must
     * tell which of them refused the record.
     */
    private PoisonEvent poison(String consumer, Poison.Verdict verdict, Throwable cause) {
        metrics.deadLettered(consumer, verdict.kind());
        return new PoisonEvent(consumer + ": " + verdict.reason(), cause);
    }

    /** Records that {@code consumer} applies {@code eventId}; {@code false} when it already did. */
    public static Uni<Boolean> firstTime(SqlConnection tx, String consumer, UUID eventId) {
        return tx.preparedQuery("insert into inbox (consumer, event_id) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(consumer, eventId))
                .map(result -> result.rowCount() == 1);
    }

    /** Whether this inbox reads events of the CloudEvents type {@code ceType} (any version its catalog covers). */
    public boolean knows(String ceType) {
        return catalog.covers(ceType);
    }

    /**
     * The stream position a record's CloudEvents headers name ({@code ce_streamid}, {@code ce_streamversion}), read
     * without its payload; empty when it names none or names it malformed.
     */
    public static Optional<StreamPosition> streamPosition(ConsumerRecord<String, String> record) {
        String stream = CloudEventHeaders.get(record.headers(), CloudEventHeaders.STREAM_ID);
        if (stream == null || stream.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StreamPosition(stream, streamVersion(record)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A record's {@code ce_streamversion}, 0 when it has none. */
    private static long streamVersion(ConsumerRecord<String, String> record) {
        String version = CloudEventHeaders.get(record.headers(), CloudEventHeaders.STREAM_VERSION);
        return version == null ? 0 : Long.parseLong(version);
    }

    /** Reads a record's CloudEvents headers and payload; {@link PoisonEvent} when it is not a Learning Loop event. */
    public IncomingEvent decode(ConsumerRecord<String, String> record) {
        String id = CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID);
        String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new PoisonEvent("Missing CloudEvents header ce_id or ce_type", null);
        }
        if (record.value() == null) {
            throw new PoisonEvent("Record of " + type + " has no payload", null);
        }
        try {
            UUID eventId = UUID.fromString(id);
            String time = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TIME);
            Instant occurredAt = time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time);
            return new IncomingEvent(eventId, CloudEventHeaders.get(record.headers(), CloudEventHeaders.SOURCE), type,
                    CloudEventHeaders.get(record.headers(), CloudEventHeaders.SUBJECT), occurredAt,
                    CloudEventHeaders.get(record.headers(), CloudEventHeaders.STREAM_ID), streamVersion(record),
                    CloudEventHeaders.get(record.headers(), CloudEventHeaders.CORRELATION_ID),
                    CloudEventHeaders.get(record.headers(), CloudEventHeaders.ACTOR),
                    catalog.decode(type, record.value(), occurredAt));
        } catch (EventCatalog.UndecodableEvent | IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonEvent(e.getMessage(), e);
        }
    }
}
