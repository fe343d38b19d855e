package org.learningloop.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque list cursors: the sort key of the last item of a page, encoded so clients do not build them. */
public final class Cursors {

    private static final String SEPARATOR = "\u001f";

    private Cursors() {
    }

    public static String encode(String... sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort key in {@code cursor}, which must have {@code parts} parts.
     *
     * @throws HttpProblem 400 for a cursor this API did not issue
     */
    public static String[] decode(String cursor, int parts) {
        try {
            String[] key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (key.length == parts) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw invalid();
    }

    /** The answer to a cursor this API did not issue. */
    public static HttpProblem invalid() {
        return new HttpProblem(Problem.of(400, "invalid-cursor", "Invalid cursor",
                "Pass back the nextCursor of a previous page unchanged")
                .withErrors(java.util.List.of(new Problem.FieldError("cursor", "not a cursor issued by this API"))));
    }
}
