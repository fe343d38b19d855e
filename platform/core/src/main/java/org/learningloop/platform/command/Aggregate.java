package org.learningloop.platform.command;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.decider.Decider;

import java.util.Objects;

/**
 * What the command loop needs to know of one kind of aggregate: its stream type, its decider, the
 * sealed interface of its events and the catalog that (de)serialises them.
 */
public record Aggregate<C, E extends LoopEvent, S>(String streamType, Decider<C, E, S> decider, Class<E> eventType,
                                                   EventCatalog catalog) {

    public Aggregate {
        Objects.requireNonNull(streamType);
        Objects.requireNonNull(decider);
        Objects.requireNonNull(eventType);
        Objects.requireNonNull(catalog);
    }

    /** The id of the stream of the aggregate with this id, e.g. {@code wig-6f1c…}. */
    public String streamId(Object aggregateId) {
        return streamType + "-" + aggregateId;
    }
}
