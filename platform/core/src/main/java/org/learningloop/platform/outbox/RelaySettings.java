package org.learningloop.platform.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a relay publishes.
 *
 * @param topic          the service's topic, e.g. {@code loop.goals}
 * @param source         the CloudEvents source, e.g. {@code /goal-service}
 * @param batchSize      events read and sent per round
 * @param pollInterval   the safety-net wait when no notification arrives
 * @param heldBackRetry  the wait while events are held back behind a still-running transaction
 * @param takeoverInterval how often a standby relay tries to take over publishing
 * @param maxBackoff     the longest wait after a failure (broker or database away)
 * @param schemasUrl     where the service answers {@code GET /schemas/{type}}: each record's {@code ce_dataschema} is
 *                       {@code <schemasUrl>/schemas/<type>}; {@code null}: the schema's {@code $id} (a URN)
 */
public record RelaySettings(String topic, String source, int batchSize, Duration pollInterval, Duration heldBackRetry,
                            Duration takeoverInterval, Duration maxBackoff, String schemasUrl) {

    public RelaySettings {
        Objects.requireNonNull(topic);
        Objects.requireNonNull(source);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    public static RelaySettings defaults(String topic, String source) {
        return new RelaySettings(topic, source, 500, Duration.ofSeconds(1), Duration.ofMillis(20),
                Duration.ofSeconds(1), Duration.ofSeconds(5), null);
    }

    /** The {@code ce_dataschema} of an event of CloudEvents type {@code ceType}: where its JSON Schema is. */
    public String dataSchema(String ceType) {
        return schemasUrl == null ? "urn:learning-loop:event:" + ceType
                : schemasUrl.replaceAll("/+$", "") + "/schemas/" + ceType;
    }
}
