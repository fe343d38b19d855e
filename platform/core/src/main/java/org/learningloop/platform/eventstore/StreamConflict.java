package org.learningloop.platform.eventstore;

/**
 * An append expected a stream at one version and found it at another: somebody else appended
 * first. The caller reloads and decides again, or tells its client that its copy is stale.
 */
public final class StreamConflict extends RuntimeException {

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    public StreamConflict(String streamId, long expectedVersion, long actualVersion) {
        super("Stream " + streamId + " is at version " + (actualVersion < 0 ? "unknown" : actualVersion)
                + ", expected " + expectedVersion, null, false, false);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version found, or -1 when a concurrent append was detected only by the unique constraint. */
    public long actualVersion() {
        return actualVersion;
    }
}
