package org.learningloop.reporting.projection;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.observability.Logs;
import org.learningloop.platform.observability.Traces;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Continues each applied event's trace (ADR 19): after a batch committed, a consumer span per event whose record
 * carries a trace context, child of the span that recorded the event, and a debug line in it naming the event.
 */
final class AppliedSpans {

    private static final Tracer TRACER = GlobalOpenTelemetry.getTracer("learning-loop.projections");
    /** The runner's log category, as before its parts had classes of their own. */
    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    private final String projection;
    private final int generation;

    AppliedSpans(String projection, int generation) {
        this.projection = projection;
        this.generation = generation;
    }

    /**
     * One span per applied record of {@code batch}: those decoded as in {@code decoded} and not in {@code skip} (a
     * record passed over, never decoded, was not applied).
     */
    void record(List<ConsumerRecord<String, String>> batch, Map<Integer, IncomingEvent> decoded, Set<Integer> skip) {
        for (int i = 0; i < batch.size(); i++) {
            IncomingEvent event = decoded.get(i);
            if (event == null || skip.contains(i)) {
                continue;
            }
            ConsumerRecord<String, String> record = batch.get(i);
            io.opentelemetry.context.Context parent = Traces.of(record.headers());
            if (!Span.fromContext(parent).getSpanContext().isValid()) {
                continue;
            }
            Span span = TRACER.spanBuilder(projection + " apply").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("loop.event.id", event.eventId().toString())
                    .setAttribute("loop.event.type", event.type())
                    .setAttribute("loop.projection.generation", generation).startSpan();
            try (Scope scope = span.makeCurrent()) {
                Logs.handling(event.eventId(), event.type(), event.streamId());
                LOG.debugf("Projection %s generation %d applied %s (%s)", projection, generation,
                        event.eventId(), event.type());
            } finally {
                Logs.handled();
                span.end();
            }
        }
    }
}
