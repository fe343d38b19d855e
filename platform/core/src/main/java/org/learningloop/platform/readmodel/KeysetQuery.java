package org.learningloop.platform.readmodel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A page of a read model, read with the reactive SQL client as every read model is (issue 17): the rows that pass
 * the filters given, after the previous page's last sort key, in sort-key order, {@code limit + 1} of them so that
 * {@link Page#of} tells whether another page follows. A filter left out adds no condition, so each combination of
 * filters is a plain statement that PostgreSQL plans with the index for it. Parameters are numbered in the order
 * they are added; a query is built and read once.
 */
public final class KeysetQuery {

    private final String select;
    private final String sortKey;
    private final List<String> conditions = new ArrayList<>();
    private final Tuple parameters = Tuple.tuple();

    /**
     * @param select  the select and from clauses, e.g. {@code select * from wig_summary}
     * @param sortKey the columns the list is ordered by, which together name one row
     */
    public KeysetQuery(String select, String... sortKey) {
        this.select = select;
        this.sortKey = String.join(", ", sortKey);
    }

    /** Keeps the rows whose {@code column} is {@code operator} {@code value}; every row when {@code value} is null. */
    public KeysetQuery where(String column, String operator, Object value) {
        if (value != null) {
            conditions.add(column + " " + operator + " " + parameter(value));
        }
        return this;
    }

    /**
     * Keeps the rows after {@code cursor} of a list ordered by a time and then an id, whose cursors are
     * {@code Cursors.encode(time.toString(), id.toString())}; every row when {@code cursor} is null.
     *
     * @throws org.learningloop.platform.http.HttpProblem 400 for a cursor this API did not issue
     */
    public KeysetQuery afterTimeAndId(String cursor) {
        if (cursor == null) {
            return this;
        }
        String[] key = Cursors.decode(cursor, 2);
        Instant time;
        UUID id;
        try {
            time = Instant.parse(key[0]);
            id = UUID.fromString(key[1]);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw Cursors.invalid();
        }
        conditions.add("(" + sortKey + ") > (" + parameter(time) + ", " + parameter(id) + ")");
        return this;
    }

    /** The page of {@code limit} items read by {@code client}, each made {@code from} its row. */
    public <T> Uni<Page<T>> page(SqlClient client, int limit, Function<Row, T> from, Function<T, String> cursorOf) {
        String limitParameter = parameter(limit + 1);
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return client.preparedQuery(select + where + " order by " + sortKey + " limit " + limitParameter)
                .execute(parameters)
                .map(rows -> Page.of(Rows.list(rows, from), limit, Function.identity(), cursorOf));
    }

    private String parameter(Object value) {
        parameters.addValue(value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        return "$" + parameters.size();
    }
}
