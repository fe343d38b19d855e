package org.learningloop.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters the runbook watches (deploy/README "Watching it", the PrometheusRule), in one place: what every service
 * counts about its commands and its consumers. Names are Micrometer's; Prometheus shows {@code loop.commands} as
 * {@code loop_commands_seconds_*} and {@code loop.consumer.dead.letters} as {@code loop_consumer_dead_letters_total}.
 */
public final class LoopMetrics {

    /** Why a consumer dead-lettered a record: the {@code reason} tag, a closed set (no free text in a tag). */
    public static final String UNDECODABLE = "undecodable";
    public static final String REFUSED = "refused";
    public static final String CANNOT_APPLY = "cannot-apply";
    private static final List<String> REASONS = List.of(UNDECODABLE, REFUSED, CANNOT_APPLY);

    private final MeterRegistry registry;
    private final Set<String> consumers = ConcurrentHashMap.newKeySet();

    public LoopMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Makes the consumer's dead-letter counters exist at 0 (once per consumer), so an alert on their rate sees a
     * series before the first dead letter.
     */
    public void consumer(String consumer) {
        if (consumers.add(consumer)) {
            REASONS.forEach(reason -> deadLetters(consumer, reason));
        }
    }

    /** {@code consumer} sent a record to its dead-letter topic, for {@code reason} (one of the constants). */
    public void deadLettered(String consumer, String reason) {
        consumer(consumer);
        deadLetters(consumer, reason).increment();
    }

    /** A command of type {@code command} ended with {@code outcome} ({@code ok}, a problem code, or {@code error}). */
    public void command(String command, String outcome, Duration took) {
        Timer.builder("loop.commands").description("Commands handled, by command type and outcome")
                .tag("command", command).tag("outcome", outcome).register(registry).record(took);
    }

    private Counter deadLetters(String consumer, String reason) {
        return Counter.builder("loop.consumer.dead.letters")
                .description("Records a consumer sent to its dead-letter topic, by reason")
                .tag("consumer", consumer).tag("reason", reason).register(registry);
    }
}
