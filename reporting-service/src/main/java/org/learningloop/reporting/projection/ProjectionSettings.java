package org.learningloop.reporting.projection;

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
}
