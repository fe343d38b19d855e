package org.learningloop.activity.catalog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.activity.catalog.CatalogApi.ActivityType;
import org.learningloop.activity.catalog.CatalogApi.ActivityTypeRequest;
import org.learningloop.activity.catalog.CatalogApi.Outcome;
import org.learningloop.activity.catalog.CatalogApi.OutcomeRequest;
import org.learningloop.activity.catalog.CatalogApi.Segment;
import org.learningloop.activity.catalog.CatalogApi.SegmentRequest;
import org.learningloop.contracts.Text;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.readmodel.KeysetQuery;
import org.learningloop.platform.readmodel.Rows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activity types and segments: reference data that designs and activities name by key. Plain rows,
 * not event streams (nothing happens to them but being added); seeded by the migration.
 */
@ApplicationScoped
public class Catalog {

    private static final String SEGMENT = "select key, name, criteria, retired_at from segment";

    private final Pool pool;

    public Catalog(Pool pool) {
        this.pool = pool;
    }

    /** Adds the activity type with the outcomes it records, in one transaction; 409 when the key exists. */
    public Uni<ActivityType> addActivityType(ActivityTypeRequest request) {
        Map<String, Outcome> outcomes = new java.util.TreeMap<>();
        for (OutcomeRequest outcome : request.outcomes() == null ? List.<OutcomeRequest>of() : request.outcomes()) {
            if (outcomes.put(outcome.name(), outcome.toOutcome()) != null) {
                throw new HttpProblem(Problem.of(400, "validation-failed", "Invalid request",
                        "The outcome " + outcome.name() + " is declared twice").withErrors(List.of(
                        new Problem.FieldError("outcomes", "names each outcome once: " + outcome.name() + " twice"))));
            }
        }
        ActivityType type = new ActivityType(request.key(), request.name().strip(), Text.stripToNull(request.description()),
                null, List.copyOf(outcomes.values()));
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "insert into activity_type (key, name, description) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(type.key(), type.name(), type.description()))
                .chain(result -> {
                    if (result.rowCount() == 0) {
                        throw duplicate("activity-type-exists", "activity type", type.key());
                    }
                    if (type.outcomes().isEmpty()) {
                        return Uni.createFrom().item(type);
                    }
                    return tx.preparedQuery("insert into activity_type_outcome (activity_type, name, label, unit) "
                                    + "values ($1, $2, $3, $4)")
                            .executeBatch(type.outcomes().stream()
                                    .map(o -> Tuple.of(type.key(), o.name(), o.label(), o.unit())).toList())
                            .replaceWith(type);
                }));
    }

    /**
     * Declares one more outcome of the activity type {@code key}; the type with its outcomes. 404 when there is no
     * such type, 409 when it declares the outcome already (retired or not). Outcomes are never removed: events name
     * them.
     */
    public Uni<ActivityType> addOutcome(String key, OutcomeRequest request) {
        Outcome outcome = request.toOutcome();
        return pool.preparedQuery("insert into activity_type_outcome (activity_type, name, label, unit) "
                        + "select key, $2, $3, $4 from activity_type where key = $1 on conflict do nothing returning name")
                .execute(Tuple.of(key, outcome.name(), outcome.label(), outcome.unit()))
                .chain(inserted -> activityTypeRow(key).map(row -> {
                    if (row == null) {
                        throw CommandRejected.notFound("activity-type-not-found", "There is no activity type " + key);
                    }
                    if (inserted.rowCount() == 0) {
                        throw new HttpProblem(Problem.of(409, "outcome-exists", "Already exists",
                                "The activity type " + key + " records " + outcome.name() + " already"));
                    }
                    return row;
                }))
                .chain(row -> withOutcomes(List.of(row)).map(types -> types.get(0)));
    }

    /**
     * Those of {@code outcomes} the activity type {@code key} does not declare, or declared and retired, in name
     * order: what an activity of that type may not record now.
     */
    public Uni<Set<String>> undeclaredOutcomes(SqlClient client, String key, Set<String> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("select name from activity_type_outcome where activity_type = $1 and retired_at is null")
                .execute(Tuple.of(key))
                .map(rows -> {
                    Set<String> undeclared = new java.util.TreeSet<>(outcomes);
                    rows.forEach(row -> undeclared.remove(row.getString("name")));
                    return undeclared;
                });
    }

    /**
     * Retires the outcome {@code name} of the activity type {@code key} (once: retiring it again keeps the first time);
     * the type with its outcomes. 404 when there is no such type or the type declares no such outcome.
     */
    public Uni<ActivityType> retireOutcome(String key, String name) {
        return pool.preparedQuery("update activity_type_outcome set retired_at = coalesce(retired_at, now()) "
                        + "where activity_type = $1 and name = $2")
                .execute(Tuple.of(key, name))
                .chain(updated -> activityTypeRow(key).map(row -> {
                    if (row == null) {
                        throw CommandRejected.notFound("activity-type-not-found", "There is no activity type " + key);
                    }
                    if (updated.rowCount() == 0) {
                        throw CommandRejected.notFound("outcome-not-found",
                                "The activity type " + key + " declares no outcome " + name);
                    }
                    return row;
                }))
                .chain(row -> withOutcomes(List.of(row)).map(types -> types.get(0)));
    }

    /** The activity type {@code key}, or {@code null}. */
    private Uni<ActivityTypeRow> activityTypeRow(String key) {
        return pool.preparedQuery(ActivityTypeRow.SELECT + " where key = $1").execute(Tuple.of(key))
                .map(rows -> rows.iterator().hasNext() ? ActivityTypeRow.from(rows.iterator().next()) : null);
    }

    /** The activity types of {@code rows} with their outcomes. */
    private Uni<List<ActivityType>> withOutcomes(List<ActivityTypeRow> rows) {
        List<String> keys = rows.stream().map(ActivityTypeRow::key).toList();
        return outcomes(keys).map(outcomes -> rows.stream()
                .map(row -> ActivityType.of(row, outcomes.getOrDefault(row.key(), List.of()))).toList());
    }

    /** The outcomes of each of the activity types {@code keys}, in name order. */
    private Uni<Map<String, List<Outcome>>> outcomes(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select activity_type, name, label, unit, retired_at from activity_type_outcome "
                        + "where activity_type = any($1) order by activity_type, name")
                .execute(Tuple.of(keys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
                    for (Row row : rows) {
                        outcomes.computeIfAbsent(row.getString("activity_type"), k -> new ArrayList<>())
                                .add(new Outcome(row.getString("name"), row.getString("label"), row.getString("unit"),
                                        row.getOffsetDateTime("retired_at") == null ? null
                                                : row.getOffsetDateTime("retired_at").toInstant()));
                    }
                    return outcomes;
                });
    }

    public Uni<Segment> addSegment(SegmentRequest request) {
        Segment segment = new Segment(request.key(), request.name().strip(), Text.stripToNull(request.criteria()), null);
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
        return retire("activity_type", "description", key).chain(row -> row == null ? Uni.createFrom().nullItem()
                : withOutcomes(List.of(ActivityTypeRow.from(row))).map(types -> types.get(0)));
    }

    /** Retires the segment {@code key} as {@link #retireActivityType} does; {@code null} when there is none. */
    public Uni<Segment> retireSegment(String key) {
        return retire("segment", "criteria", key).map(row -> row == null ? null : segmentOf(row));
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

    /** A page of activity types in key order. */
    public Uni<Page<ActivityType>> activityTypes(String cursor, int limit) {
        return new KeysetQuery(ActivityTypeRow.SELECT, "key")
                .where("key", ">", afterKey(cursor))
                .page(pool, limit, ActivityTypeRow::from, last -> Cursors.encode(last.key()))
                .chain(page -> withOutcomes(page.items()).map(types -> new Page<>(types, page.nextCursor())));
    }

    /** A page of segments in key order. */
    public Uni<Page<Segment>> segments(String cursor, int limit) {
        return new KeysetQuery(SEGMENT, "key")
                .where("key", ">", afterKey(cursor))
                .page(pool, limit, Catalog::segmentOf, last -> Cursors.encode(last.key()));
    }

    /** One activity type, or {@code null}. */
    public Uni<ActivityType> activityType(String key) {
        return activityTypeRow(key).chain(row -> row == null ? Uni.createFrom().nullItem()
                : withOutcomes(List.of(row)).map(types -> types.get(0)));
    }

    /** One segment, or {@code null}. */
    public Uni<Segment> segment(String key) {
        return pool.preparedQuery(SEGMENT + " where key = $1").execute(Tuple.of(key))
                .map(rows -> rows.iterator().hasNext() ? segmentOf(rows.iterator().next()) : null);
    }

    /** The key in a cursor of a list in key order, or {@code null} without one. */
    private static String afterKey(String cursor) {
        if (cursor == null) {
            return null;
        }
        String key = Cursors.decode(cursor, 1)[0];
        if (!key.matches(CatalogApi.KEY)) {
            throw Cursors.invalid();
        }
        return key;
    }

    /** The segment of a row of the reference table {@code segment}. */
    private static Segment segmentOf(Row row) {
        return new Segment(row.getString("key"), row.getString("name"), row.getString("criteria"),
                Rows.instant(row, "retired_at"));
    }

    private static HttpProblem duplicate(String code, String what, String key) {
        return new HttpProblem(Problem.of(409, code, "Already exists", "There already is a " + what + " " + key));
    }
}
