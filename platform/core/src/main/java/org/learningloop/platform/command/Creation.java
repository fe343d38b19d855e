package org.learningloop.platform.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.eventstore.RecordedEvent;
import org.learningloop.platform.eventstore.StreamConflict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Creating POSTs with an optional {@code Idempotency-Key}. With a key, the new aggregate's id is
 * derived from the key (and the endpoint), so a retried request addresses the same stream: the
 * first request creates it, a retry with the same body gets the same answer again (the state as
 * the first request left it, without a second event), and the same key with another body is
 * refused with 422. Concurrent retries meet at the stream's expected version 0, so exactly one
 * creates. See {@code docs/adr/0005-idempotent-creation.md}.
 */
public final class Creation {

    /** The outcome: the new aggregate's id, and the decision that created it (or the replayed one). */
    public record Created<S>(UUID id, Decision<S> decision, boolean replayed) {
    }

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // absent optional fields do not count, so a new optional field does not change old requests' hashes
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private final CommandHandler handler;

    public Creation(CommandHandler handler) {
        this.handler = handler;
    }

    /**
     * Creates an aggregate from {@code request}.
     *
     * @param scope          the endpoint, e.g. {@code POST /wigs} (with its path parameters filled in); keys are scoped to it
     * @param idempotencyKey the client's key, or {@code null}
     * @param commandFor     builds the creating command for the new id
     */
    public <C, E extends LoopEvent, S> Uni<Created<S>> create(Aggregate<C, E, S> aggregate, String scope,
                                                               String idempotencyKey, Object request,
                                                               Function<UUID, C> commandFor, CommandContext context) {
        return create(aggregate, scope, idempotencyKey, request, commandFor, context, (tx, decision) -> Uni.createFrom().voidItem());
    }

    /**
     * Creates an aggregate from {@code request}, and runs {@code alsoInTransaction} in the creating
     * transaction (e.g. to write a read-model row with the new aggregate), so both commit or neither.
     */
    public <C, E extends LoopEvent, S> Uni<Created<S>> create(Aggregate<C, E, S> aggregate, String scope,
                                                               String idempotencyKey, Object request,
                                                               Function<UUID, C> commandFor, CommandContext context,
                                                               BiFunction<SqlConnection, Decision<S>, Uni<Void>> alsoInTransaction) {
        if (idempotencyKey == null) {
            UUID id = UUID.randomUUID();
            return createIn(aggregate, id, commandFor.apply(id), context, alsoInTransaction)
                    .map(decision -> new Created<>(id, decision, false));
        }
        validateKey(idempotencyKey);
        UUID id = UUID.nameUUIDFromBytes((scope + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        String hash = hash(request);
        String streamId = aggregate.streamId(id);
        CommandContext keyed = context.withIdempotency(idempotencyKey, hash);
        return replay(aggregate, id, streamId, idempotencyKey, hash)
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : createIn(aggregate, id, commandFor.apply(id), keyed, alsoInTransaction)
                        .map(decision -> new Created<>(id, decision, false))
                        .onFailure(StreamConflict.class)
                        .recoverWithUni(conflict -> replay(aggregate, id, streamId, idempotencyKey, hash)
                                .map(replayed -> Objects.requireNonNull(replayed, "stream vanished"))));
    }

    private <C, E extends LoopEvent, S> Uni<Decision<S>> createIn(Aggregate<C, E, S> aggregate, UUID id, C command,
                                                                   CommandContext context,
                                                                   BiFunction<SqlConnection, Decision<S>, Uni<Void>> also) {
        return handler.inTransaction(tx -> handler.handleIn(tx, aggregate, aggregate.streamId(id), command,
                        Expectation.noStream(), context)
                .call(decision -> also.apply(tx, decision)));
    }

    /** The answer given to the key's first use, or {@code null} when the key is new. */
    private <C, E extends LoopEvent, S> Uni<Created<S>> replay(Aggregate<C, E, S> aggregate, UUID id, String streamId,
                                                                String key, String hash) {
        return handler.events(streamId).map(events -> {
            if (events.isEmpty()) {
                return null;
            }
            JsonObject first = new JsonObject(events.get(0).metadata());
            if (!key.equals(first.getString("idempotencyKey")) || !hash.equals(first.getString("requestHash"))) {
                throw CommandRejected.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was used with a different request; use a new key for a new request");
            }
            List<RecordedEvent> created = events.stream()
                    .takeWhile(event -> key.equals(new JsonObject(event.metadata()).getString("idempotencyKey")))
                    .toList();
            return new Created<>(id, CommandHandler.fold(aggregate, created), true);
        });
    }

    private static void validateKey(String key) {
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidIdempotencyKey();
        }
    }

    /** A stable hash of the request's content, independent of field order and formatting. */
    static String hash(Object request) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.valueToTree(request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash request", e);
        }
    }
}
