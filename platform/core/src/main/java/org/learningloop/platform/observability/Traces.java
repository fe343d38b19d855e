package org.learningloop.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The W3C trace context (ADR 19) as it travels with an event: taken from the current span when a command is
 * decided, stored in the event's metadata, published on its Kafka record, and taken up again by consumers. One
 * format everywhere: the {@code traceparent} and {@code tracestate} entries of the W3C Trace Context.
 */
public final class Traces {

    /** W3C Trace Context: the trace id, parent span id and flags ({@code 00-<32 hex>-<16 hex>-<2 hex>}). */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The same as CloudEvents' distributed-tracing extension attribute in Kafka binary mode. */
    public static final String CE_TRACEPARENT = "ce_traceparent";
    public static final String CE_TRACESTATE = "ce_tracestate";

    private static final String W3C = "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$";

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /**
     * The current trace context as W3C entries ({@code traceparent}, and {@code tracestate} when there is one); empty
     * outside a trace.
     */
    public static Map<String, String> current() {
        Map<String, String> entries = new LinkedHashMap<>();
        if (!Span.current().getSpanContext().isValid()) {
            return entries;
        }
        propagator().inject(Context.current(), entries, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key) || (TRACESTATE.equals(key) && !value.isEmpty())) {
                carrier.put(key, value);
            }
        });
        return entries;
    }

    /** Adds the trace context {@code entries} (from {@link #current()}, stored) to a record's headers, both ways. */
    public static void addTo(Headers headers, String traceparent, String tracestate) {
        if (traceparent == null || !traceparent.matches(W3C)) {
            return;
        }
        add(headers, TRACEPARENT, traceparent);
        add(headers, CE_TRACEPARENT, traceparent);
        if (tracestate != null && !tracestate.isEmpty()) {
            add(headers, TRACESTATE, tracestate);
            add(headers, CE_TRACESTATE, tracestate);
        }
    }

    /** The trace context a record carries ({@code traceparent}, else {@code ce_traceparent}); the root when none. */
    public static Context of(Headers headers) {
        Map<String, String> entries = new LinkedHashMap<>();
        put(entries, TRACEPARENT, headers, TRACEPARENT, CE_TRACEPARENT);
        put(entries, TRACESTATE, headers, TRACESTATE, CE_TRACESTATE);
        return propagator().extract(Context.root(), entries, FROM_MAP);
    }

    private static void put(Map<String, String> entries, String key, Headers headers, String... names) {
        for (String name : names) {
            String value = value(headers, name);
            if (value != null) {
                entries.put(key, value);
                return;
            }
        }
    }

    private static String value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** W3C Trace Context itself, whatever else the service propagates: it is the records' published format. */
    private static TextMapPropagator propagator() {
        return W3CTraceContextPropagator.getInstance();
    }
}
