package org.learningloop.activity.catalog;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.activity.catalog.CatalogApi.ActivityType;
import org.learningloop.activity.catalog.CatalogApi.ActivityTypeRequest;
import org.learningloop.activity.catalog.CatalogApi.Segment;
import org.learningloop.activity.catalog.CatalogApi.SegmentRequest;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Activity types and segments: reference data that designs and activities name by key. Plain rows,
 * not event streams (nothing happens to them but being added); seeded by the migration.
 */
@ApplicationScoped
public class Catalog {

    private final Pool pool;

    public Catalog(Pool pool) {
        this.pool = pool;
    }

    public Uni<ActivityType> addActivityType(ActivityTypeRequest request) {
        ActivityType type = new ActivityType(request.key(), request.name().strip(), CatalogApi.textOrNull(request.description()),
                null);
        return pool.preparedQuery("insert into activity_type (key, name, description) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(type.key(), type.name(), type.description()))
                .map(result -> {
                    if (result.rowCount() == 0) {
                        throw duplicate("activity-type-exists", "activity type", type.key());
                    }
                    return type;
                });
    }

    public Uni<Segment> addSegment(SegmentRequest request) {
        Segment segment = new Segment(request.key(), request.name().strip(), CatalogApi.textOrNull(request.criteria()), null);
        return pool.preparedQuery("insert into segment (key, name, criteria) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(segment.key(), segment.name(), segment.criteria()))
                .map(result -> {
                    if (result.rowCount() == 0) {
                        throw duplicate("segment-exists", "segment", segment.key());
                    }
                    return segment;
                });
    }

    /**
     * Retires the activity type {@code key} (once: retiring it again keeps the first time); {@code null} when there is
     * none. Designs, activities and reports that name it stay as they are.
     */
    public Uni<ActivityType> retireActivityType(String key) {
        return retire("activity_type", "description", key).map(row -> row == null ? null
                : new ActivityType(row.getString("key"), row.getString("name"), row.getString("description"),
                        row.getOffsetDateTime("retired_at").toInstant()));
    }

    /** Retires the segment {@code key} as {@link #retireActivityType} does; {@code null} when there is none. */
    public Uni<Segment> retireSegment(String key) {
        return retire("segment", "criteria", key).map(row -> row == null ? null
                : new Segment(row.getString("key"), row.getString("name"), row.getString("criteria"),
                        row.getOffsetDateTime("retired_at").toInstant()));
    }

    /** Marks the row of {@code key} in {@code table} retired (keeping an earlier time); the row, or {@code null}. */
    private Uni<Row> retire(String table, String text, String key) {
        return pool.preparedQuery("update " + table + " set retired_at = coalesce(retired_at, now()) where key = $1 "
                        + "returning key, name, " + text + ", retired_at")
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    /** Whether the activity type {@code key} exists and is not retired: whether a new design may use it. */
    public Uni<Boolean> activityTypeExists(SqlClient client, String key) {
        return client.preparedQuery("select 1 from activity_type where key = $1 and retired_at is null").execute(Tuple.of(key))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Boolean> activityTypeExists(String key) {
        return activityTypeExists(pool, key);
    }

    /** Those of {@code keys} that are no segment in use (none, or retired), in their order. */
    public Uni<List<String>> unknownSegments(SqlClient client, List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("select key from segment where key = any($1) and retired_at is null")
                .execute(Tuple.of(keys.toArray(new String[0])))
                .map(rows -> {
                    Set<String> known = new HashSet<>();
                    for (Row row : rows) {
                        known.add(row.getString("key"));
                    }
                    List<String> unknown = new ArrayList<>();
                    for (String key : keys) {
                        if (!known.contains(key)) {
                            unknown.add(key);
                        }
                    }
                    return unknown;
                });
    }

    public Uni<List<String>> unknownSegments(List<String> keys) {
        return unknownSegments(pool, keys);
    }

    /** A page of activity types in key order. Call within a session. */
    public Uni<Page<ActivityType>> activityTypes(String cursor, int limit) {
        return ActivityTypeRow.<ActivityTypeRow>find(after(cursor), Sort.by("key"), parameters(cursor))
                .range(0, limit).list()
                .map(rows -> page(rows.stream().map(ActivityType::of).toList(), limit, ActivityType::key));
    }

    /** A page of segments in key order. Call within a session. */
    public Uni<Page<Segment>> segments(String cursor, int limit) {
        return SegmentRow.<SegmentRow>find(after(cursor), Sort.by("key"), parameters(cursor))
                .range(0, limit).list()
                .map(rows -> page(rows.stream().map(Segment::of).toList(), limit, Segment::key));
    }

    /** One activity type, or {@code null}. Call within a session. */
    public Uni<ActivityType> activityType(String key) {
        return ActivityTypeRow.<ActivityTypeRow>findById(key).map(row -> row == null ? null : ActivityType.of(row));
    }

    /** One segment, or {@code null}. Call within a session. */
    public Uni<Segment> segment(String key) {
        return SegmentRow.<SegmentRow>findById(key).map(row -> row == null ? null : Segment.of(row));
    }

    private static String after(String cursor) {
        return cursor == null ? "1 = 1" : "key > :key";
    }

    private static Parameters parameters(String cursor) {
        if (cursor == null) {
            return new Parameters();
        }
        String key = Cursors.decode(cursor, 1)[0];
        if (!key.matches(CatalogApi.KEY)) {
            throw Cursors.invalid();
        }
        return Parameters.with("key", key);
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> key) {
        List<T> page = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit ? Cursors.encode(key.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page, next);
    }

    private static HttpProblem duplicate(String code, String what, String key) {
        return new HttpProblem(Problem.of(409, code, "Already exists", "There already is a " + what + " " + key));
    }
}
