package org.learningloop.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.outbox.CloudEventHeaders;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The W3C trace context as it travels with an event: from the current span, onto a record, and back. */
class TracesTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    @Test
    void outsideATrace_thereIsNothingToCarry() {
        assertThat(Traces.current()).isEmpty();
    }

    @Test
    void inASpan_theCurrentContextIsItsTraceparent_andAFilledTracestate() {
        SpanContext context = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(),
                TraceState.builder().put("loop", "1").build());
        try (Scope scope = Context.root().with(Span.wrap(context)).makeCurrent()) {
            assertThat(Traces.current()).containsEntry("traceparent", "00-" + TRACE + "-" + SPAN + "-01")
                    .containsEntry("tracestate", "loop=1").hasSize(2);
        }
        SpanContext unsampled = SpanContext.create(TRACE, SPAN, TraceFlags.getDefault(), TraceState.getDefault());
        try (Scope scope = Context.root().with(Span.wrap(unsampled)).makeCurrent()) {
            assertThat(Traces.current()).containsOnlyKeys("traceparent")
                    .containsEntry("traceparent", "00-" + TRACE + "-" + SPAN + "-00");
        }
    }

    @Test
    void aStoredTraceparent_goesOnTheRecordInBothForms_andReadsBackAsTheParentContext() {
        RecordHeaders headers = new RecordHeaders();
        Traces.addTo(headers, "00-" + TRACE + "-" + SPAN + "-01", null);

        assertThat(CloudEventHeaders.get(headers, "traceparent")).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(CloudEventHeaders.get(headers, "ce_traceparent")).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(headers.lastHeader("tracestate")).isNull();
        SpanContext parent = Span.fromContext(Traces.of(headers)).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);
        assertThat(parent.isRemote()).isTrue();
    }

    @Test
    void onlyTheCloudEventsForm_isReadToo_andWhatIsNoTraceparentIsNeitherWrittenNorRead() {
        RecordHeaders cloudEventsOnly = new RecordHeaders();
        cloudEventsOnly.add("ce_traceparent", ("00-" + TRACE + "-" + SPAN + "-00").getBytes(StandardCharsets.UTF_8));
        assertThat(Span.fromContext(Traces.of(cloudEventsOnly)).getSpanContext().getTraceId()).isEqualTo(TRACE);

        RecordHeaders forged = new RecordHeaders();
        Traces.addTo(forged, "00-" + TRACE + "-" + SPAN + "-01\n[forged] admin", null);
        Traces.addTo(forged, null, "loop=1");
        assertThat(forged.toArray()).isEmpty();
        assertThat(Span.fromContext(Traces.of(forged)).getSpanContext().isValid()).isFalse();
    }
}
