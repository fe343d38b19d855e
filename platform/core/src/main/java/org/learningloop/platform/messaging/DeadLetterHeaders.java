package org.learningloop.platform.messaging;

import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;

/**
 * The headers a dead letter carries besides the original record's: the names SmallRye's dead-letter queue writes
 * for the {@code @Incoming} consumers (ADR 6), which reporting-service's projection runner writes too with its own
 * producer (ADR 9), so that whoever reads {@code loop.dlq.<service>} reads both alike. (SmallRye also writes the
 * exception's class names; the runner does not.)
 */
public final class DeadLetterHeaders {

    /** Why the record is poison ({@link Poison.Verdict#reason()}). */
    public static final String REASON = KafkaDeadLetterQueue.DEAD_LETTER_REASON;
    /** The message of the failure's cause, when it has one. */
    public static final String CAUSE = KafkaDeadLetterQueue.DEAD_LETTER_CAUSE;
    /** Where the record was read: its topic, partition and offset. */
    public static final String TOPIC = KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;
    public static final String PARTITION = KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
    public static final String OFFSET = KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;

    private DeadLetterHeaders() {
    }
}
