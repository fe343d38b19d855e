package org.learningloop.platform.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The states the command loop folded last, for the streams used most recently (ADR 24): a command on a stream it holds
 * reads only the events from the remembered version on and folds them onto the remembered state, instead of the
 * whole stream. It is a hint, never the truth: an entry is used only when the event stored at its version is the one
 * it was folded up to ({@link Folded#lastEventId()}), so an entry from a transaction that rolled back, or from a
 * database that is not this one any more, is ignored and replaced. States are immutable (every decider's
 * {@code evolve} returns a new one), so a remembered state is never changed by a later fold.
 * At most {@code capacity} streams are held, the least recently used going first; capacity 0 holds none.
 */
final class FoldedStates {

    /** A stream's state folded up to {@code version}, whose event has id {@code lastEventId}. */
    record Folded(Object aggregate, Object state, long version, UUID lastEventId) {
    }

    private final int capacity;
    private final Map<String, Folded> byStream;

    FoldedStates(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.byStream = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Folded> eldest) {
                return size() > FoldedStates.this.capacity;
            }
        };
    }

    /** What was folded last for {@code streamId} by {@code aggregate} (another aggregate's fold is not its own). */
    synchronized Folded get(Object aggregate, String streamId) {
        Folded folded = byStream.get(streamId);
        return folded != null && folded.aggregate().equals(aggregate) ? folded : null;
    }

    synchronized void remember(String streamId, Folded folded) {
        if (capacity > 0 && folded.version() > 0) {
            byStream.put(streamId, folded);
        }
    }

    synchronized int size() {
        return byStream.size();
    }
}
