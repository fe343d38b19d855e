package org.learningloop.platform.http;

import java.util.List;

/**
 * One page of a list. {@code nextCursor} is absent on the last page; pass it back as {@code cursor}
 * for the next one.
 */
public record Page<T>(List<T> items, String nextCursor) {
}
