package org.learningloop.reporting.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.learningloop.platform.messaging.Backoff;
import org.learningloop.platform.messaging.DeadLetterHeaders;
import org.learningloop.platform.messaging.Failures;
import org.learningloop.platform.messaging.Poison;
import org.learningloop.platform.observability.LoopMetrics;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Writes one projection's poison records to the service's dead-letter topic (ADR 9): the record as read, its
 * headers, and the headers SmallRye's dead-letter queue writes for the {@code @Incoming} consumers
 * ({@link DeadLetterHeaders}), plus {@link #PROJECTION}. The runner is no SmallRye channel, so it sends them with the
 * runtime's own producer, waiting for each acknowledgement and retrying with back-off until it comes or the runner
 * stops. Each dead letter is counted in {@code loop_consumer_dead_letters_total{consumer="reporting-service.<name>"}}.
 */
final class ProjectionDeadLetters {

    /** Which projection refused the record: every projection dead-letters its own copy. */
    static final String PROJECTION = "dead-letter-projection";

    /** The runner's log category, as before its parts had classes of their own. */
    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    private final Producer<String, String> producer;
    private final String topic;
    private final String projection;
    private final String consumer;
    private final LoopMetrics metrics;
    private final RunnerProgress progress;
    private final BooleanSupplier running;

    ProjectionDeadLetters(Producer<String, String> producer, String topic, String projection, LoopMetrics metrics,
                          RunnerProgress progress, BooleanSupplier running) {
        this.producer = producer;
        this.topic = topic;
        this.projection = projection;
        this.consumer = "reporting-service." + projection;
        this.metrics = metrics;
        this.progress = progress;
        this.running = running;
        metrics.consumer(consumer);
    }

    /**
     * Dead-letters {@code record}; a {@code failure} with a cause (an undecodable record's) adds the cause's message
     * as {@link DeadLetterHeaders#CAUSE}.
     */
    void send(ConsumerRecord<String, String> record, Poison.Verdict verdict, Throwable failure) {
        metrics.deadLettered(consumer, verdict.kind());
        LOG.warnf("Poison record at %s-%d@%d for projection %s: %s", record.topic(), record.partition(), record.offset(),
                projection, verdict.reason());
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, record.key(), record.value());
        record.headers().forEach(header -> dead.headers().add(header));
        dead.headers().add(DeadLetterHeaders.REASON, bytes(verdict.reason()));
        if (failure != null && failure.getCause() != null) {
            dead.headers().add(DeadLetterHeaders.CAUSE, bytes(String.valueOf(failure.getCause().getMessage())));
        }
        dead.headers().add(DeadLetterHeaders.TOPIC, bytes(record.topic()));
        dead.headers().add(DeadLetterHeaders.PARTITION, bytes(Integer.toString(record.partition())));
        dead.headers().add(DeadLetterHeaders.OFFSET, bytes(Long.toString(record.offset())));
        dead.headers().add(PROJECTION, bytes(projection));
        Backoff backoff = Backoff.forConsumers();
        while (running.getAsBoolean()) {
            try {
                producer.send(dead).get(30, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                progress.failed("Dead-lettering failed: " + Failures.describe(e));
                Backoff.sleep(backoff.next());
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
