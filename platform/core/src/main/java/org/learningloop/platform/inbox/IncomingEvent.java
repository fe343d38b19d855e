package org.learningloop.platform.inbox;

import org.learningloop.contracts.LoopEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A published event as a consumer receives it: its CloudEvents attributes and its decoded payload.
 *
 * @param streamVersion the event's version in its stream at the producer
 */
public record IncomingEvent(UUID eventId, String source, String type, String subject, Instant time, String streamId,
                            long streamVersion, String correlationId, LoopEvent event) {
}
