package org.learningloop.platform.http;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code nextCursor} is absent on the last page; pass it back as {@code cursor}
 * for the next one.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Keyset pagination, the one way every list pages: {@code rows} were read as {@code limit + 1} in cursor order;
     * the page is the first {@code limit} of them, and when one more was found, {@code nextCursor} is {@code cursorOf}
     * the page's last row.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> item, Function<R, String> cursorOf) {
        List<R> page = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit ? cursorOf.apply(page.get(page.size() - 1)) : null;
        return new Page<>(page.stream().map(item).toList(), next);
    }
}
