package org.learningloop.platform.messaging;

/** How the relay and the consumers' runtimes show a failure as their {@code lastError} and in their logs. */
public final class Failures {

    private Failures() {
    }

    /** The failure and each of its causes, {@code Type: message}, joined by {@code " <- "}. */
    public static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            text.append(" <- ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
        }
        return text.toString();
    }
}
