package org.learningloop.platform.outbox;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * CloudEvents 1.0 attributes in Kafka binary content mode: each attribute a {@code ce_} header,
 * the payload the record value, {@code content-type} its media type.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    /** Where the payload's JSON Schema is: {@code GET /schemas/{type}} of the service that published it. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension attributes: where the event sits in its stream, for consumers that check order. */
    public static final String STREAM_ID = "ce_streamid";
    public static final String STREAM_VERSION = "ce_streamversion";
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Extension attribute: who caused the event, a pseudonymous subject id (never a name). */
    public static final String ACTOR = "ce_actor";

    private CloudEventHeaders() {
    }

    /** The headers of one event. */
    public static Headers of(UUID id, String source, String type, String dataSchema, String subject, Instant time,
                             String streamId, long streamVersion, String correlationId, String actor) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, id.toString());
        add(headers, SOURCE, source);
        add(headers, TYPE, type);
        add(headers, SUBJECT, subject);
        add(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        add(headers, CONTENT_TYPE, "application/json");
        add(headers, DATA_SCHEMA, dataSchema);
        add(headers, STREAM_ID, streamId);
        add(headers, STREAM_VERSION, Long.toString(streamVersion));
        if (correlationId != null) {
            add(headers, CORRELATION_ID, correlationId);
        }
        if (actor != null) {
            add(headers, ACTOR, actor);
        }
        return headers;
    }

    /** The value of {@code name}, or {@code null} when absent. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
