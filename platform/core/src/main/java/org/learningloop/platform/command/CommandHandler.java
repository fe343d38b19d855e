package org.learningloop.platform.command;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import org.jboss.logging.Logger;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.SealedText;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.NewEvent;
import org.learningloop.platform.eventstore.RecordedEvent;
import org.learningloop.platform.eventstore.StreamConflict;
import org.learningloop.platform.observability.LoopMetrics;
import org.learningloop.platform.privacy.TextCipher;
import org.learningloop.platform.privacy.TextKeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The one command loop of every service: load the stream, fold it with {@code evolve}, check the
 * expected version, {@code decide}, and append the new events with that version, in one
 * transaction. Under {@link Expectation#any()} a concurrent append is retried a few times; an
 * explicit version is the client's to retry.
 */
public final class CommandHandler {

    private static final Logger LOG = Logger.getLogger(CommandHandler.class);

    private static final int RETRIES_ON_CONFLICT = 5;
    private static final int RETRIES_ON_DEADLOCK = 3;
    private static final Duration DEADLOCK_BACKOFF = Duration.ofMillis(20);
    /** PostgreSQL's {@code deadlock_detected}. */
    private static final String DEADLOCK = "40P01";

    private final Pool pool;
    private final EventStore store;
    private final LoopMetrics metrics;
    private final TextKeys textKeys;
    private final FoldedStates folded;

    /**
     * @param foldedStates how many streams' folded states to remember ({@link FoldedStates}; 0: fold every stream
     *                     from its first event on every command)
     */
    public CommandHandler(Pool pool, EventStore store, LoopMetrics metrics, TextKeys textKeys, int foldedStates) {
        this.pool = pool;
        this.store = store;
        this.metrics = metrics;
        this.textKeys = textKeys;
        this.folded = new FoldedStates(foldedStates);
    }

    /**
     * Handles {@code command} in its own transaction; times it by command type and outcome ({@code loop.commands}: ok,
     * the rejection's problem code, {@code stale-version} or {@code error}).
     */
    public <C, E extends LoopEvent, S> Uni<Decision<S>> handle(Aggregate<C, E, S> aggregate, String streamId, C command,
                                                               Expectation expectation, CommandContext context) {
        Uni<Decision<S>> attempt = inTransaction(tx -> handleIn(tx, aggregate, streamId, command, expectation, context));
        if (expectation instanceof Expectation.Any) {
            attempt = attempt.onFailure(StreamConflict.class).retry().atMost(RETRIES_ON_CONFLICT);
        }
        return timed(command, attempt);
    }

    /**
     * Changes the existing aggregate {@code id} at the version the client saw ({@code If-Match}): decides, appends and
     * runs {@code alongside} in one transaction. {@code alongside} writes the caller's rows from the decision (a
     * listing read model) or checks it and may still refuse it; it runs when nothing was appended too. A version that
     * is stale, or becomes stale under a concurrent writer, is a {@link StaleVersion} with the current version (412).
     * Timed as {@link #handle}.
     */
    public <C, E extends LoopEvent, S> Uni<Decision<S>> change(
            Aggregate<C, E, S> aggregate, UUID id, C command, long expectedVersion, CommandContext context,
            BiFunction<SqlConnection, Decision<S>, Uni<Void>> alongside) {
        return timed(command, inTransaction(tx -> handleIn(tx, aggregate, aggregate.streamId(id), command,
                Expectation.version(expectedVersion), context).call(decision -> alongside.apply(tx, decision))));
    }

    /** As {@link #change(Aggregate, UUID, Object, long, CommandContext, BiFunction)} with nothing alongside. */
    public <C, E extends LoopEvent, S> Uni<Decision<S>> change(Aggregate<C, E, S> aggregate, UUID id, C command,
                                                               long expectedVersion, CommandContext context) {
        return change(aggregate, id, command, expectedVersion, context, (tx, decision) -> Uni.createFrom().voidItem());
    }

    private <T> Uni<T> timed(Object command, Uni<T> attempt) {
        String type = command.getClass().getSimpleName();
        long started = System.nanoTime();
        return attempt.onItemOrFailure().invoke((decision, failure) -> metrics.command(type, outcome(failure),
                Duration.ofNanos(System.nanoTime() - started)));
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        if (failure instanceof CommandRejected rejected) {
            return rejected.code();
        }
        return failure instanceof StaleVersion ? "stale-version" : "error";
    }

    /**
     * Runs {@code work} in one transaction: several {@link #handleIn} calls on different streams
     * (e.g. retire one lead measure and activate another), plus any rows of the caller's, commit together.
     * A stale version found by a conflicting append is completed with the stream's current version once the
     * transaction has ended and given its connection back (never with a second connection while it holds one).
     */
    public <T> Uni<T> inTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work)
                // two transactions that took the same two streams' locks in opposite orders: PostgreSQL ends one,
                // which rolled back whole and is taken again
                .onFailure(CommandHandler::isDeadlock).retry().withBackOff(DEADLOCK_BACKOFF).atMost(RETRIES_ON_DEADLOCK)
                .onFailure(StaleVersion.class).recoverWithUni(failure -> {
                    StaleVersion stale = (StaleVersion) failure;
                    if (stale.streamId() == null) {
                        return Uni.createFrom().failure(stale);
                    }
                    return store.currentVersion(pool, stale.streamId()).onItem().transform(current -> {
                        throw new StaleVersion(stale.expectedVersion(), current);
                    });
                });
    }

    /** Handles {@code command} inside the caller's transaction {@code tx} (e.g. with an inbox entry). */
    public <C, E extends LoopEvent, S> Uni<Decision<S>> handleIn(SqlClient tx, Aggregate<C, E, S> aggregate, String streamId,
                                                                 C command, Expectation expectation, CommandContext context) {
        // writers of one stream take turns (ADR 25): each reads the version the one before it appended
        return store.lockStream(tx, streamId).chain(() -> load(tx, aggregate, streamId)).chain(current -> {
            // a stream that does not exist is the decider's to reject (404), whatever version the client names
            boolean absent = current.version() == EventStore.NO_STREAM && expectation instanceof Expectation.Exactly;
            if (!absent) {
                check(expectation, streamId, current.version());
            }
            List<E> events = aggregate.decider().decide(command, current.state());
            if (absent) {
                check(expectation, streamId, current.version());
            }
            if (events.isEmpty()) {
                return Uni.createFrom().item(current);
            }
            // free text is sealed before it is stored (ADR 18); the state after the command is folded from the events
            // as stored, so read models written from it in this transaction hold the sealed text too
            Sealed<E> sealed = seal(aggregate, events, context);
            S state = current.state();
            for (E event : sealed.asStored()) {
                state = aggregate.decider().evolve(state, event);
            }
            S after = state;
            Uni<Decision<S>> appended = store.append(tx, aggregate.streamType(), streamId, current.version(),
                            sealed.events())
                    .call(() -> textKeys.store(tx, sealed.keys()))
                    .map(stored -> new Decision<>(after, current.version() + stored.size(), stored))
                    // remembered before the commit: should the transaction roll back, the next load finds another
                    // event (or none) at this version and folds the stream as stored
                    .invoke(decision -> folded.remember(streamId, new FoldedStates.Folded(aggregate, after,
                            decision.version(), decision.appended().get(decision.appended().size() - 1).eventId())))
                    .invoke(decision -> LOG.debugf("Appended %d event(s) to %s, now at version %d (they commit with "
                            + "the transaction)", new Object[] {events.size(), streamId, decision.version()}));
            if (expectation instanceof Expectation.Exactly exactly) {
                // another writer committed between our check and our append: the client's copy is stale; its
                // current version is read after this (now aborted) transaction ends, see inTransaction
                return appended.onFailure(StreamConflict.class).transform(conflict ->
                        StaleVersion.afterConflict(streamId, exactly.version()));
            }
            return appended;
        });
    }

    /**
     * The aggregate's current state and version (version 0 and the initial state when the stream does not exist). A
     * stream folded recently is read from the version folded to on, and only the events after it are folded
     * ({@link FoldedStates}).
     */
    public <C, E extends LoopEvent, S> Uni<Decision<S>> load(SqlClient client, Aggregate<C, E, S> aggregate, String streamId) {
        FoldedStates.Folded known = folded.get(aggregate, streamId);
        if (known == null) {
            return loadWhole(client, aggregate, streamId);
        }
        return store.readStreamFrom(client, streamId, known.version()).chain(events -> {
            if (events.isEmpty() || !events.get(0).eventId().equals(known.lastEventId())) {
                LOG.debugf("%s holds another event at version %d than the one folded to: folded again from its start",
                        streamId, known.version());
                return loadWhole(client, aggregate, streamId);
            }
            @SuppressWarnings("unchecked")
            S state = (S) known.state();
            return Uni.createFrom().item(foldOnto(aggregate, streamId, state, known.version(),
                    events.subList(1, events.size())));
        });
    }

    private <C, E extends LoopEvent, S> Uni<Decision<S>> loadWhole(SqlClient client, Aggregate<C, E, S> aggregate,
                                                                   String streamId) {
        return store.readStream(client, streamId).map(events -> foldOnto(aggregate, streamId,
                aggregate.decider().initialState(), 0, events));
    }

    /** Folds {@code events} onto {@code state} (at {@code version}) and remembers the result. */
    private <C, E extends LoopEvent, S> Decision<S> foldOnto(Aggregate<C, E, S> aggregate, String streamId, S state,
                                                             long version, List<RecordedEvent> events) {
        S result = state;
        for (RecordedEvent recorded : events) {
            result = evolve(aggregate, result, recorded);
        }
        if (!events.isEmpty()) {
            RecordedEvent last = events.get(events.size() - 1);
            folded.remember(streamId, new FoldedStates.Folded(aggregate, result, last.streamVersion(), last.eventId()));
            return new Decision<>(result, last.streamVersion(), List.of());
        }
        return new Decision<>(result, version, List.of());
    }

    private static <C, E extends LoopEvent, S> S evolve(Aggregate<C, E, S> aggregate, S state, RecordedEvent recorded) {
        LoopEvent decoded = aggregate.catalog().decode(recorded.type(), recorded.typeVersion(), recorded.payload(),
                recorded.occurredAt());
        return aggregate.decider().evolve(state, aggregate.eventType().cast(decoded));
    }

    /** Loads with the handler's own pool. */
    public <C, E extends LoopEvent, S> Uni<Decision<S>> load(Aggregate<C, E, S> aggregate, String streamId) {
        return load(pool, aggregate, streamId);
    }

    /** The stream's stored events, read with the handler's own pool. */
    public Uni<List<RecordedEvent>> events(String streamId) {
        return store.readStream(pool, streamId);
    }

    /** Folds stored events (their payloads upcast and decoded) into a state. */
    public static <C, E extends LoopEvent, S> Decision<S> fold(Aggregate<C, E, S> aggregate, List<RecordedEvent> events) {
        S state = aggregate.decider().initialState();
        long version = 0;
        for (RecordedEvent recorded : events) {
            state = evolve(aggregate, state, recorded);
            version = recorded.streamVersion();
        }
        return new Decision<>(state, version, List.of());
    }

    private static boolean isDeadlock(Throwable failure) {
        return failure instanceof PgException pg && DEADLOCK.equals(pg.getSqlState());
    }

    private static void check(Expectation expectation, String streamId, long version) {
        if (expectation instanceof Expectation.NoStream && version != EventStore.NO_STREAM) {
            throw new StreamConflict(streamId, EventStore.NO_STREAM, version);
        }
        if (expectation instanceof Expectation.Exactly exactly && exactly.version() != version) {
            throw new StaleVersion(exactly.version(), version);
        }
    }

    /** The events to append, their text keys, and the events as they will read back (their free text sealed). */
    private record Sealed<E>(List<NewEvent> events, List<TextKeys.NewKey> keys, List<E> asStored) {
    }

    private <E extends LoopEvent> Sealed<E> seal(Aggregate<?, E, ?> aggregate, List<E> events, CommandContext context) {
        String metadata = new JsonObject(new java.util.LinkedHashMap<>(context.metadata())).encode();
        TextCipher cipher = textKeys.cipher();
        List<NewEvent> result = new ArrayList<>(events.size());
        List<TextKeys.NewKey> keys = new ArrayList<>();
        List<E> asStored = new ArrayList<>(events.size());
        for (E event : events) {
            EventType<E> type = aggregate.catalog().typeOf(event);
            UUID eventId = UUID.randomUUID();
            String plain = aggregate.catalog().encodeChecked(event);
            TextCipher.DataKey key = cipher.newKey(eventId);
            // a text copied from another event (e.g. an agreement's rationale) is already sealed, under that event's key
            String payload = SealedText.sealFields(type, plain,
                    text -> SealedText.isSealed(text) ? text : cipher.seal(key, text));
            E stored = event;
            if (!payload.equals(plain)) {
                if (payload.contains(key.keyId().toString())) {
                    keys.add(new TextKeys.NewKey(eventId, cipher.wrap(key), event.teamId(),
                            TextKeys.concerns(context.actor(), plain), context.now()));
                }
                stored = aggregate.eventType().cast(aggregate.catalog().decode(type.name(), type.version(), payload,
                        context.now()));
            }
            result.add(new NewEvent(eventId, type.name(), type.version(), event.teamId(), event.unitId(),
                    event.subject(), context.now(), payload, metadata));
            asStored.add(stored);
        }
        return new Sealed<>(result, keys, asStored);
    }
}
