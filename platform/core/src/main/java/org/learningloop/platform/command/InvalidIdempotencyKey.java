package org.learningloop.platform.command;

/** An {@code Idempotency-Key} that is not 1 to 255 visible ASCII characters: 400 {@code invalid-idempotency-key}. */
public final class InvalidIdempotencyKey extends RuntimeException {

    public InvalidIdempotencyKey() {
        super("Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID", null, false, false);
    }
}
