package org.learningloop.platform.http;

import jakarta.ws.rs.core.EntityTag;

/**
 * Stream versions as HTTP entity tags: {@code ETag: "7"} on reads, {@code If-Match: "7"} on writes.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version an {@code If-Match} header names ({@code "0"}: a resource seen before any change was made to it).
     *
     * @throws HttpProblem 428 when it is missing, 400 when it is not a version this API issued
     */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new HttpProblem(Problem.of(428, "if-match-required", "If-Match required",
                    "This change needs the If-Match header with the ETag of the version you saw"));
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new HttpProblem(Problem.of(400, "invalid-if-match", "Invalid If-Match",
                    "If-Match must be an ETag returned by this API, e.g. \"3\""));
        }
    }
}
