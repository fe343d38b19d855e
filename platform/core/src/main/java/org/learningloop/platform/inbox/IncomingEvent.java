package org.learningloop.platform.inbox;

import org.learningloop.contracts.LoopEvent;
import org.learningloop.platform.command.CommandContext;

import java.time.Instant;
import java.util.UUID;

/**
 * A published event as a consumer receives it: its CloudEvents attributes and its decoded payload.
 *
 * @param streamVersion the event's version in its stream at the producer
 * @param actor         who caused the event (its {@code ce_actor}), {@code null} on records published without one
 */
public record IncomingEvent(UUID eventId, String source, String type, String subject, Instant time, String streamId,
                            long streamVersion, String correlationId, String actor, LoopEvent event) {

    /**
     * The context of a command this event causes (an agreement applied by a consumer): the same conversation, caused
     * by this event, on behalf of whoever caused the event; {@code consumer} stands in only for records published
     * before events carried their actor.
     */
    public CommandContext causes(Instant now, String consumer) {
        String id = eventId.toString();
        return CommandContext.of(now, actor != null ? actor : consumer)
                .withCausation(correlationId != null ? correlationId : id, id);
    }
}
