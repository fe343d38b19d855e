package org.learningloop.platform.command;

/** The client decided on a version of a stream that is no longer current ({@code If-Match} mismatch). */
public final class StaleVersion extends RuntimeException {

    private final long expectedVersion;
    private final long currentVersion;

    public StaleVersion(long expectedVersion, long currentVersion) {
        super("The resource is at version " + currentVersion + ", not " + expectedVersion
                + ": fetch it again and retry", null, false, false);
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
