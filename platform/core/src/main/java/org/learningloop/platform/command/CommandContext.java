package org.learningloop.platform.command;

import org.learningloop.platform.observability.Traces;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a command comes from and when: stored as each resulting event's metadata.
 *
 * @param now            the command's time; becomes the events' occurred-at
 * @param correlationId  the conversation the command belongs to
 * @param causationId    the event or request that caused it
 * @param actor          who issued it (member id, or a service for reactions)
 * @param idempotencyKey the client's {@code Idempotency-Key}, if any
 * @param requestHash    the hash of the request the key was first used with
 * @param trace          the W3C trace context of the request or consumer span that issued it ({@link Traces}),
 *                       empty outside a trace
 */
public record CommandContext(Instant now, String correlationId, String causationId, String actor,
                             String idempotencyKey, String requestHash, Map<String, String> trace) {

    public CommandContext {
        Objects.requireNonNull(now);
        Objects.requireNonNull(correlationId);
        trace = Map.copyOf(trace);
    }

    /** A context for a request with no further history, in the current trace. */
    public static CommandContext of(Instant now, String actor) {
        String id = UUID.randomUUID().toString();
        return new CommandContext(now, id, id, actor, null, null, Traces.current());
    }

    public CommandContext withIdempotency(String key, String hash) {
        return new CommandContext(now, correlationId, causationId, actor, key, hash, trace);
    }

    public CommandContext withCausation(String correlation, String causation) {
        return new CommandContext(now, correlation, causation, actor, idempotencyKey, requestHash, trace);
    }

    /** The metadata entries, nulls left out. */
    public Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("correlationId", correlationId);
        put(metadata, "causationId", causationId);
        put(metadata, "actor", actor);
        put(metadata, "idempotencyKey", idempotencyKey);
        put(metadata, "requestHash", requestHash);
        put(metadata, Traces.TRACEPARENT, trace.get(Traces.TRACEPARENT));
        put(metadata, Traces.TRACESTATE, trace.get(Traces.TRACESTATE));
        return metadata;
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }
}
