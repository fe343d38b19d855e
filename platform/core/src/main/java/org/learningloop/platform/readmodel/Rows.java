package org.learningloop.platform.readmodel;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading read-model rows of the reactive SQL client into the records the services answer with. */
public final class Rows {

    private Rows() {
    }

    /** Each of {@code rows}, in their order, made {@code from} its row. */
    public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> from) {
        List<T> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(from.apply(row)));
        return items;
    }

    /** {@code instant} as a {@code timestamptz} parameter (at UTC); {@code null} stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The {@code timestamptz} column as an instant; {@code null} for SQL null. */
    public static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
