package org.learningloop.reporting.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a runner reports: its last error and events applied per second over ten seconds (the admin status's
 * {@code lastError} and rate), every event it applies ({@code loop.projection.applied}), and its lag as of its last
 * poll (the runtime's {@code loop.projection.lag.*} gauges). Written by the runner's thread, read by any.
 */
final class RunnerProgress {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Deque<long[]> recent = new ArrayDeque<>();
    /** Records on the runner's partitions it has not read yet, as of its last poll. */
    private volatile long lag;
    /** Since when the runner has been behind (its lag above zero), or {@code null} while it keeps up. */
    private volatile Instant behindSince;
    private final Counter applied;

    RunnerProgress(String projection, MeterRegistry registry) {
        this.applied = Counter.builder("loop.projection.applied")
                .description("Events a projection applied (every generation: a rebuild's replay counts too)")
                .tag("projection", projection).register(registry);
    }

    String lastError() {
        return lastError.get();
    }

    void failed(String error) {
        lastError.set(error);
    }

    /** A batch of {@code applied} events committed: no error any more. */
    void applied(int applied) {
        lastError.set(null);
        count(applied);
    }

    /** Events applied per second over the last ten seconds. */
    synchronized double eventsPerSecond() {
        long now = System.nanoTime();
        long since = now - RATE_WINDOW.toNanos();
        long sum = 0;
        for (long[] sample : recent) {
            if (sample[0] >= since) {
                sum += sample[1];
            }
        }
        return sum / (double) RATE_WINDOW.toSeconds();
    }

    private synchronized void count(int applied) {
        long now = System.nanoTime();
        recent.addLast(new long[] {now, applied});
        while (!recent.isEmpty() && recent.peekFirst()[0] < now - RATE_WINDOW.toNanos()) {
            recent.removeFirst();
        }
        this.applied.increment(applied);
    }

    /** After a poll: {@code left} records not read yet on the runner's partitions. */
    void lag(long left) {
        lag = left;
        if (left == 0) {
            behindSince = null;
        } else if (behindSince == null) {
            behindSince = Instant.now();
        }
    }

    /** Records not read yet on the runner's partitions, as of its last poll. */
    long lag() {
        return lag;
    }

    /** How long the runner has been behind ({@link Duration#ZERO} while it keeps up). */
    Duration behind() {
        Instant since = behindSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }
}
