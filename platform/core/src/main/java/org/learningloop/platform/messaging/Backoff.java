package org.learningloop.platform.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * The exponential back-off of the platform's retry loops (ADR 6): after a failure wait 100 ms, then twice as long
 * after each further failure, never longer than a cap. The consumers' cap is 5 s: the {@code Inbox}'s Mutiny retry
 * takes {@link #FIRST} and {@link #CONSUMER_CAP} as its bounds, and reporting-service's projection runner backs off
 * with {@link #forConsumers()}; the outbox relay caps at its setting {@code maxBackoff}, and spaces out its looks at
 * events held back behind a running transaction the same way (from its {@code heldBackRetry} up to its
 * {@code pollInterval}).
 *
 * <p>One instance per loop, used by the loop's thread only: {@link #next()} after each failure, {@link #reset()}
 * after a success.
 */
public final class Backoff {

    /** The first wait after a failure. */
    public static final Duration FIRST = Duration.ofMillis(100);
    /** The longest wait between two attempts of a consumer (the Inbox, a projection runner). */
    public static final Duration CONSUMER_CAP = Duration.ofSeconds(5);

    private final Duration first;
    private final Duration cap;
    private Duration next;

    /** Waits {@code first}, then doubles up to {@code cap}. */
    public Backoff(Duration first, Duration cap) {
        this.first = Objects.requireNonNull(first);
        this.cap = Objects.requireNonNull(cap);
        this.next = first;
    }

    /** Waits {@link #FIRST}, then doubles up to {@code cap}. */
    public static Backoff upTo(Duration cap) {
        return new Backoff(FIRST, cap);
    }

    /** A consumer's back-off: {@link #FIRST}, doubling up to {@link #CONSUMER_CAP}. */
    public static Backoff forConsumers() {
        return upTo(CONSUMER_CAP);
    }

    /** The wait before the next attempt; the one after it is twice as long, up to the cap. */
    public Duration next() {
        Duration wait = next;
        Duration doubled = wait.multipliedBy(2);
        next = doubled.compareTo(cap) <= 0 ? doubled : cap;
        return wait;
    }

    /** After a success: the next wait is the first one again. */
    public void reset() {
        next = first;
    }

    /** Sleeps for {@code wait}; an interrupt cuts the sleep short and stays set, for the caller to see. */
    public static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
