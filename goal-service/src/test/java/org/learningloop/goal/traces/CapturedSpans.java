package org.learningloop.goal.traces;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans goal-service's tests see: the service's exporter in tests, in memory (Quarkus exports to every
 * SpanExporter bean, and to no collector once there is one). Only sampled spans arrive: those of a trace whose
 * caller asked for sampling (a {@code traceparent} with flag 01); the default sample ratio is 0.
 */
public class CapturedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
