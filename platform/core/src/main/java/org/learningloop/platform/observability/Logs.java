package org.learningloop.platform.observability;

import org.jboss.logging.MDC;

import java.util.UUID;

/**
 * What a consumer's log lines say about the event it handles (ADR 19): its id, type and stream, as fields of the JSON
 * log line (under {@code mdc}, beside the trace context), never spliced into the message text.
 */
public final class Logs {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String STREAM_ID = "streamId";

    private Logs() {
    }

    /** From now on this thread's (or Vert.x context's) log lines name the event. */
    public static void handling(UUID eventId, String type, String streamId) {
        MDC.put(EVENT_ID, eventId.toString());
        MDC.put(EVENT_TYPE, type);
        if (streamId != null) {
            MDC.put(STREAM_ID, streamId);
        }
    }

    /** The event is handled: log lines name it no more. */
    public static void handled() {
        MDC.remove(EVENT_ID);
        MDC.remove(EVENT_TYPE);
        MDC.remove(STREAM_ID);
    }
}
