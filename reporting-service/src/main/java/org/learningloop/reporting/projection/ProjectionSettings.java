package org.learningloop.reporting.projection;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The projection runtime's configuration ({@code loop.projections.*}, reporting-service only). */
@ConfigMapping(prefix = "loop.projections")
public interface ProjectionSettings {

    /** Whether this replica runs the projections (off: reads answer 503, nothing is consumed). */
    @WithDefault("true")
    boolean enabled();

    /** The most records one batch (one transaction) applies. */
    @WithDefault("1000")
    int batchSize();

    /**
     * How often this replica looks for generations it runs no runner for and starts one: a rebuild started by a
     * replica that died before it went live, or a generation another replica switched live.
     */
    @WithDefault("10s")
    Duration adoptInterval();

    /** The topics every projection reads: its runner assigns itself all their partitions (no consumer group). */
    @WithDefault("loop.goals,loop.activities,loop.learning")
    List<String> topics();

    /** Where a projection sends a record it cannot apply (ADR 6). */
    @WithDefault("loop.dlq.reporting-service")
    String deadLetterTopic();
}
