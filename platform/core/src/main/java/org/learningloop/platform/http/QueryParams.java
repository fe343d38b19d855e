package org.learningloop.platform.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Typed query parameters that answer a wrong value with 400 naming the parameter. (JAX-RS turns a
 * query parameter it cannot convert into 404, which tells a client nothing.)
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be a UUID");
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an instant such as 2026-11-27T10:15:30Z");
        }
    }

    /** A calendar date such as {@code 2026-11-27}; {@code null} when absent. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be a date such as 2026-11-27");
        }
    }

    /** A page size: {@code defaultLimit} when absent, else 1 to {@code max}. */
    public static int limit(String value, int defaultLimit, int max) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw invalid("limit", "must be a whole number from 1 to " + max);
    }

    public static HttpProblem invalid(String name, String message) {
        return new HttpProblem(Problem.of(400, "validation-failed", "Invalid request", "Invalid query parameter " + name)
                .withErrors(List.of(new Problem.FieldError(name, message))));
    }
}
