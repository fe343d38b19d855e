package org.learningloop.platform.command;

import org.learningloop.platform.eventstore.RecordedEvent;

import java.util.List;

/**
 * The outcome of a handled command: the state and version after it, and the events it appended
 * (none when the command changed nothing).
 */
public record Decision<S>(S state, long version, List<RecordedEvent> appended) {
}
