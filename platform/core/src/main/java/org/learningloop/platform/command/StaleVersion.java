package org.learningloop.platform.command;

/** The client decided on a version of a stream that is no longer current ({@code If-Match} mismatch). */
public final class StaleVersion extends RuntimeException {

    /** {@link #currentVersion()} while it is not known yet (see {@link #afterConflict}). */
    public static final long UNKNOWN = -1;

    private final long expectedVersion;
    private final long currentVersion;
    private final String streamId;

    public StaleVersion(long expectedVersion, long currentVersion) {
        this(expectedVersion, currentVersion, null);
    }

    private StaleVersion(long expectedVersion, long currentVersion, String streamId) {
        super(currentVersion == UNKNOWN
                ? "The resource changed after version " + expectedVersion + ": fetch it again and retry"
                : "The resource is at version " + currentVersion + ", not " + expectedVersion
                        + ": fetch it again and retry", null, false, false);
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
        this.streamId = streamId;
    }

    /**
     * Another writer appended to {@code streamId} after the client's version was checked. The transaction that
     * found out is aborted and still holds its connection, so the current version is read only once it ended.
     */
    static StaleVersion afterConflict(String streamId, long expectedVersion) {
        return new StaleVersion(expectedVersion, UNKNOWN, streamId);
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The stream's version when known; {@link #UNKNOWN} otherwise. */
    public long currentVersion() {
        return currentVersion;
    }

    /** The stream whose current version is still to be read, or null. */
    String streamId() {
        return currentVersion == UNKNOWN ? streamId : null;
    }
}
