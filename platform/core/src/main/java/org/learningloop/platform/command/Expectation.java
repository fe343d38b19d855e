package org.learningloop.platform.command;

/**
 * What a command expects of its stream's version.
 *
 * <ul>
 *   <li>{@link #noStream()}: the stream must not exist (creation);</li>
 *   <li>{@link #version(long)}: the client's copy ({@code If-Match}) must be current, otherwise {@link StaleVersion};</li>
 *   <li>{@link #any()}: the stream must exist; a concurrent append is retried by reloading and deciding again.</li>
 * </ul>
 */
public sealed interface Expectation {

    static Expectation noStream() {
        return NoStream.INSTANCE;
    }

    static Expectation version(long version) {
        return new Exactly(version);
    }

    static Expectation any() {
        return Any.INSTANCE;
    }

    /** The stream must not exist yet. */
    enum NoStream implements Expectation { INSTANCE }

    /** The stream must stand at exactly this version. */
    record Exactly(long version) implements Expectation {
    }

    /** Whatever version the stream has; concurrent appends are retried. */
    enum Any implements Expectation { INSTANCE }
}
