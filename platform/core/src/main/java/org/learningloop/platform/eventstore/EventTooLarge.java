package org.learningloop.platform.eventstore;

/**
 * An event too large to publish: the broker would refuse it, and the relay, which keeps each stream in order,
 * could then publish nothing after it. Refused at append, so nothing is stored (ADR 2).
 */
public final class EventTooLarge extends RuntimeException {

    public EventTooLarge(String eventType, int bytes, int limit) {
        super("A " + eventType + " event of " + bytes + " bytes is larger than the " + limit + " bytes an event may have",
                null, false, false);
    }
}
