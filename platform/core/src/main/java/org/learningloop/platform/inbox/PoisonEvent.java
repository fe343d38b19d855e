package org.learningloop.platform.inbox;

/**
 * A record that no retry can make consumable (no CloudEvents id, unknown type, a payload that does
 * not fit its contract). It goes to the dead-letter topic with this message as its reason.
 */
public final class PoisonEvent extends RuntimeException {

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
