package org.learningloop.reporting.activities;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignForked;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.readmodel.Rows;
import org.learningloop.reporting.projection.BatchProjection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code activity-facts} projection: one row per activity of {@code loop.activities} (planned, carried out,
 * evaluated, cancelled), read by the evidence reports, the roll-ups and {@code GET /exports/activities.csv}.
 * {@code activity_fact} holds team, unit, activity type, lead measure, design id and version, segment, when it was
 * scheduled and carried out (the payloads' times), whether its intention was reached, presence and focus, its
 * outcome counts (jsonb), its quality scores, its workplace's employees as planned, whether it was cancelled, and {@code at}: when it was carried out,
 * else scheduled, else the time of its first event (the export's order). {@code design_fact} is the design
 * catalogue the recommendations follow: each design's name, activity type and target segments (created or
 * forked), its current version (revised) and whether it is retired.
 * <p>
 * Each event fills the columns it knows and keeps the others. What the activity was carried out with wins over
 * what was planned; the planned, evaluated and cancelled events (which repeat the plan) only fill what is still
 * empty. A batch at once: each activity's events in it folded into one change, and one {@code merge} of them all.
 */
@ApplicationScoped
public class ActivityFactsProjection implements BatchProjection {

    public static final String NAME = "activity-facts";
    /**
     * Version 2: the design catalogue ({@code design_fact}) instead of the names alone; version 3: the workplace's
     * {@code employees} as planned (the evidence's exposure).
     */
    public static final int VERSION = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /** Only {@code loop.activities}' events: the goals' and the learning's are passed over undecoded. */
    @Override
    public EventCatalog reads() {
        return ActivityEvents.CATALOG;
    }

    @Override
    public List<String> upgrade(int from) {
        return List.of(DESIGN_FACT.replace("create table", "create table if not exists"),
                "alter table activity_fact add column if not exists employees int");
    }

    @Override
    public List<String> ddl() {
        return List.of("""
                        create table activity_fact (
                            activity_id         uuid primary key,
                            team_id             uuid,
                            unit_id             uuid,
                            activity_type       text,
                            lead_measure_id     uuid,
                            design_id           uuid,
                            design_version      int,
                            segment             text,
                            scheduled_at        timestamptz,
                            carried_out_at      timestamptz,
                            cancelled           boolean not null default false,
                            intention_reached   text,
                            presence            int,
                            focus               int,
                            quality_intention   int,
                            quality_frames      int,
                            quality_content     int,
                            quality_presence    int,
                            quality_focus       int,
                            quality_flexibility int,
                            outcomes            jsonb,
                            employees           int,
                            at                  timestamptz not null
                        )""",
                DESIGN_FACT);
    }

    /** The reports', roll-ups' and export's indexes: applying an event reads a row by its activity or design only. */
    @Override
    public List<String> readIndexes() {
        return List.of("create index if not exists activity_fact_at on activity_fact (at, activity_id)",
                "create index if not exists activity_fact_team on activity_fact (team_id, at, activity_id)",
                "create index if not exists activity_fact_unit on activity_fact (unit_id, at, activity_id)",
                "create index if not exists activity_fact_type_segment on activity_fact (activity_type, segment)",
                "create index if not exists activity_fact_lead_measure on activity_fact (lead_measure_id)");
    }

    private static final String DESIGN_FACT = "create table design_fact (design_id uuid primary key, name text, "
            + "activity_type text, segments text[], version int not null, retired boolean not null)";
    private static final String DESIGN_DEFINED = "insert into design_fact (design_id, name, activity_type, segments, "
            + "version, retired) values ($1, $2, $3, $4, 1, false) on conflict (design_id) do update set "
            + "name = excluded.name, activity_type = excluded.activity_type, segments = excluded.segments";
    private static final String DESIGN_CHANGED = "insert into design_fact (design_id, version, retired) "
            + "values ($1, $2, $3) on conflict (design_id) do update set "
            + "version = greatest(design_fact.version, excluded.version), retired = design_fact.retired or excluded.retired";

    /** What the plan names: the carried-out event's values win, the other events only fill gaps. */
    private static final List<String> PLAN = List.of("team_id", "unit_id", "activity_type", "lead_measure_id",
            "design_id", "design_version", "segment");
    /** What happened: each event's non-null value wins. */
    private static final List<String> FACTS = List.of("scheduled_at", "carried_out_at", "intention_reached",
            "presence", "focus", "quality_intention", "quality_frames", "quality_content", "quality_presence",
            "quality_focus", "quality_flexibility", "outcomes", "employees");
    /** The SQL types of PLAN's and FACTS' columns, in their order ({@code outcomes} arrives as text). */
    private static final List<String> PLAN_TYPES = List.of("uuid", "uuid", "text", "uuid", "uuid", "int", "text");
    private static final List<String> FACT_TYPES = List.of("timestamptz", "timestamptz", "text", "int", "int", "int",
            "int", "int", "int", "int", "int", "text", "int");

    /** The types of a change's values after the activity id: cancelled, PLAN overriding, PLAN filling, FACTS, time. */
    private static final List<String> CHANGE_TYPES = changeTypes();
    private static final int OVER = 1;
    private static final int FILL = OVER + PLAN.size();
    private static final int FACT = FILL + PLAN.size();
    private static final String MERGE = merge();

    private static List<String> changeTypes() {
        List<String> types = new ArrayList<>(List.of("boolean"));
        types.addAll(PLAN_TYPES);
        types.addAll(PLAN_TYPES);
        types.addAll(FACT_TYPES);
        types.add("timestamptz");
        return List.copyOf(types);
    }

    /**
     * Merges rows unnested from one array per column (activity id, then {@link #CHANGE_TYPES}'s), one row per
     * activity, into the activities' rows: each row as its change ({@link Change}) changes it, the others' values
     * kept (see the class comment). Unlike {@code insert … on conflict}, a {@code merge} that meets a row another
     * writer inserted meanwhile fails: a generation has one writer, the runner holding its claim.
     */
    private static String merge() {
        List<String> names = new ArrayList<>(List.of("activity_id", "cancelled"));
        PLAN.forEach(column -> names.add("over_" + column));
        PLAN.forEach(column -> names.add("fill_" + column));
        names.addAll(FACTS);
        names.add("event_time");
        List<String> types = new ArrayList<>(List.of("uuid"));
        types.addAll(CHANGE_TYPES);
        String arrays = IntStream.range(0, types.size()).mapToObj(i -> "$" + (i + 1) + "::" + types.get(i) + "[]")
                .collect(Collectors.joining(", "));
        Function<String, String> fact = column -> column.equals("outcomes") ? "e.outcomes::jsonb"
                : "e." + column;
        return "merge into activity_fact f using (select * from unnest(" + arrays + ") as u("
                + String.join(", ", names) + ")) e on f.activity_id = e.activity_id"
                + " when matched then update set cancelled = f.cancelled or e.cancelled, "
                + PLAN.stream().map(c -> c + " = coalesce(e.over_" + c + ", f." + c + ", e.fill_" + c + ")")
                .collect(Collectors.joining(", "))
                + ", "
                + FACTS.stream().map(c -> c + " = coalesce(" + fact.apply(c) + ", f." + c + ")")
                .collect(Collectors.joining(", "))
                + ", at = coalesce(e.carried_out_at, f.carried_out_at, e.scheduled_at, f.scheduled_at, f.at)"
                + " when not matched then insert (activity_id, cancelled, " + String.join(", ", PLAN) + ", "
                + String.join(", ", FACTS) + ", at) values (e.activity_id, e.cancelled, "
                + PLAN.stream().map(c -> "coalesce(e.over_" + c + ", e.fill_" + c + ")").collect(Collectors.joining(", "))
                + ", " + FACTS.stream().map(fact).collect(Collectors.joining(", "))
                + ", coalesce(e.carried_out_at, e.scheduled_at, e.event_time))";
    }

    /**
     * What one event, or several events of one activity in their order, do to the activity's row, in
     * {@link #CHANGE_TYPES}' order: whether it is cancelled; each PLAN column's value that overrides the row's and the
     * one that only fills it (the row's column becomes {@code coalesce(over, row's, fill)}); each FACTS column's value
     * that replaces the row's unless null; the first event's time.
     */
    private record Change(UUID activity, Object[] values) {

        /**
         * This change and then {@code later} as one: {@code coalesce(over2, coalesce(over1, row, fill1), fill2)} is
         * {@code coalesce(coalesce(over2, over1), row, coalesce(fill1, fill2))}, so the later override and the earlier
         * fill are kept, as are the later non-null fact and the earlier time.
         */
        Change then(Change later) {
            Object[] merged = values.clone();
            merged[0] = (Boolean) values[0] || (Boolean) later.values[0];
            for (int column = 0; column < PLAN.size(); column++) {
                if (later.values[OVER + column] != null) {
                    merged[OVER + column] = later.values[OVER + column];
                }
                if (merged[FILL + column] == null) {
                    merged[FILL + column] = later.values[FILL + column];
                }
            }
            for (int column = FACT; column < FACT + FACTS.size(); column++) {
                if (later.values[column] != null) {
                    merged[column] = later.values[column];
                }
            }
            return new Change(activity, merged);
        }
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        return applyAll(tx, List.of(incoming));
    }

    /**
     * The designs' events one statement each, in their order, then one merge of every activity's row: an activity's
     * events in the batch folded into one change, in their order ({@link Change#then}), so no row is touched twice.
     */
    @Override
    public Writes prepare(List<IncomingEvent> events) {
        Map<UUID, Change> changes = new LinkedHashMap<>();
        List<Statement> statements = new ArrayList<>();
        for (IncomingEvent incoming : events) {
            Statement design = design(incoming);
            if (design != null) {
                statements.add(design);
                continue;
            }
            Change change = change(incoming);
            if (change != null) {
                changes.merge(change.activity(), change, Change::then);
            }
        }
        if (!changes.isEmpty()) {
            statements.add(new Statement(MERGE, columns(List.copyOf(changes.values()))));
        }
        return BatchProjection.inOrder(statements);
    }

    /** The rows as one array per column, typed as the merge casts them. */
    private static Tuple columns(List<Change> rows) {
        Tuple tuple = Tuple.tuple().addArrayOfUUID(rows.stream().map(Change::activity).toArray(UUID[]::new));
        int width = rows.get(0).values().length;
        for (int column = 0; column < width; column++) {
            int index = column;
            Object[] values = rows.stream().map(change -> change.values()[index]).toArray();
            String type = CHANGE_TYPES.get(column);
            switch (type) {
                case "boolean" -> tuple.addArrayOfBoolean(Arrays.copyOf(values, values.length, Boolean[].class));
                case "uuid" -> tuple.addArrayOfUUID(Arrays.copyOf(values, values.length, UUID[].class));
                case "int" -> tuple.addArrayOfInteger(Arrays.stream(values)
                        .map(value -> value == null ? null : ((Number) value).intValue()).toArray(Integer[]::new));
                case "timestamptz" -> tuple.addArrayOfOffsetDateTime(
                        Arrays.copyOf(values, values.length, OffsetDateTime[].class));
                default -> tuple.addArrayOfString(Arrays.copyOf(values, values.length, String[].class));
            }
        }
        return tuple;
    }

    /** The statement a design's event runs on the catalogue, or {@code null} for any other event. */
    private static Statement design(IncomingEvent incoming) {
        if (incoming.event() instanceof DesignCreated created) {
            return designDefined(created.designId(), created.name(), created.activityType(), created.segments());
        }
        if (incoming.event() instanceof DesignForked forked) {
            return designDefined(forked.designId(), forked.name(), forked.activityType(), forked.segments());
        }
        if (incoming.event() instanceof DesignRevised revised) {
            return new Statement(DESIGN_CHANGED, Tuple.of(revised.designId(), revised.version(), false));
        }
        if (incoming.event() instanceof DesignRetired retired) {
            return new Statement(DESIGN_CHANGED, Tuple.of(retired.designId(), 1, true));
        }
        return null;
    }

    /** What an activity's event does to its row, or {@code null} for an event that is not an activity's. */
    private static Change change(IncomingEvent incoming) {
        Object[] plan = new Object[PLAN.size()];
        Object[] facts = new Object[FACTS.size()];
        UUID activity;
        boolean cancelled = false;
        boolean carriedOut = false;
        if (incoming.event() instanceof ActivityPlanned planned) {
            activity = planned.activityId();
            plan(plan, planned.teamId(), planned.unitId(), planned.activityType(), planned.leadMeasureId(),
                    planned.designId(), planned.designVersion(),
                    planned.workplace() == null ? null : planned.workplace().segment());
            facts[0] = Rows.utc(planned.scheduledAt());
            facts[FACTS.indexOf("employees")] = planned.workplace() == null ? null : planned.workplace().employees();
        } else if (incoming.event() instanceof ActivityCarriedOut done) {
            activity = done.activityId();
            carriedOut = true;
            plan(plan, done.teamId(), done.unitId(), done.activityType(), done.leadMeasureId(), done.designId(),
                    done.designVersion(), done.segment());
            facts[1] = Rows.utc(done.carriedOutAt());
            facts[2] = done.intentionReached() == null ? null
                    : done.intentionReached().name().toLowerCase(Locale.ROOT);
            facts[3] = done.presence();
            facts[4] = done.focus();
            Map<String, Integer> outcomes = done.outcomes() == null ? Map.of() : done.outcomes();
            outcomes.keySet().forEach(ActivityFactsProjection::storable);
            facts[11] = json(outcomes);
        } else if (incoming.event() instanceof ActivityEvaluated evaluated) {
            activity = evaluated.activityId();
            plan(plan, evaluated.teamId(), evaluated.unitId(), null, null, evaluated.designId(),
                    evaluated.designVersion(), evaluated.segment());
            QualityScores quality = evaluated.quality();
            if (quality != null) {
                facts[5] = quality.intention();
                facts[6] = quality.frames();
                facts[7] = quality.content();
                facts[8] = quality.presence();
                facts[9] = quality.focus();
                facts[10] = quality.flexibility();
            }
        } else if (incoming.event() instanceof ActivityCancelled cancel) {
            activity = cancel.activityId();
            cancelled = true;
            plan(plan, cancel.teamId(), cancel.unitId(), null, null, null, null, null);
        } else {
            return null;
        }
        Object[] values = new Object[CHANGE_TYPES.size()];
        values[0] = cancelled;
        // the carried-out event's plan wins over what is there, the others' only fill gaps
        System.arraycopy(plan, 0, values, carriedOut ? OVER : FILL, plan.length);
        System.arraycopy(facts, 0, values, FACT, facts.length);
        values[values.length - 1] = Rows.utc(incoming.time());
        return new Change(activity, values);
    }


    private static Statement designDefined(UUID design, String name, String activityType, List<String> segments) {
        return new Statement(DESIGN_DEFINED, Tuple.of(design, name, activityType,
                segments == null ? new String[0] : segments.toArray(String[]::new)));
    }

    private static void plan(Object[] plan, UUID team, UUID unit, String activityType, UUID leadMeasure, UUID design,
                             Integer designVersion, String segment) {
        plan[0] = team;
        plan[1] = unit;
        plan[2] = storable(activityType);
        plan[3] = leadMeasure;
        plan[4] = design;
        plan[5] = designVersion;
        plan[6] = storable(segment);
    }


    /**
     * {@code text}, refused when PostgreSQL could not store it: a NUL character, in text or in a JSON string.
     * An activity's events are folded before PostgreSQL sees them, and a value the fold drops must fail here, as it
     * would have failed there: the event is poison in every batch it lands in, not only when it lands alone.
     */
    private static String storable(String text) {
        if (text != null && text.indexOf(0) >= 0) {
            throw new IllegalArgumentException("an activity's text holds a NUL character, which PostgreSQL cannot store");
        }
        return text;
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
