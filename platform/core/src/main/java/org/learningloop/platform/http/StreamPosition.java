package org.learningloop.platform.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a write left its event stream: {@code <streamId>@<version>}, answered as the {@value #HEADER} header of a
 * command that appended events, and accepted by reporting-service's reports as {@code after=} so that a client
 * reads its own write (ADR 23).
 */
public record StreamPosition(String streamId, long version) {

    public static final String HEADER = "Loop-Position";
    private static final int MAX_STREAM_ID = 200;
    private static final int MAX_POSITIONS = 20;

    @Override
    public String toString() {
        return streamId + "@" + version;
    }

    /** The positions of a repeatable query parameter; 400 naming {@code name} for one that is not {@code id@version}. */
    public static List<StreamPosition> parse(String name, List<String> values) {
        List<StreamPosition> positions = new ArrayList<>();
        if (values == null) {
            return positions;
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String text = value.strip();
            int at = text.lastIndexOf('@');
            String stream = at <= 0 ? "" : text.substring(0, at);
            long version;
            try {
                version = at <= 0 ? -1 : Long.parseLong(text.substring(at + 1));
            } catch (NumberFormatException e) {
                version = -1;
            }
            if (stream.isEmpty() || stream.length() > MAX_STREAM_ID || version < 0 || stream.chars().anyMatch(
                    c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw QueryParams.invalid(name, "must be a stream position such as team-3f1c…@4, as a write's "
                        + HEADER + " header gives it");
            }
            positions.add(new StreamPosition(stream, version));
        }
        if (positions.size() > MAX_POSITIONS) {
            throw QueryParams.invalid(name, "at most " + MAX_POSITIONS + " positions");
        }
        return positions;
    }
}
