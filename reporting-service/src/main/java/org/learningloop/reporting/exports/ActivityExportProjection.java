package org.learningloop.reporting.exports;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.reporting.projection.PipelinedProjection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code activity-export} projection: one row per activity (planned, carried out, evaluated, cancelled)
 * for {@code GET /exports/activities.csv}. Each event fills the columns it knows; {@code at} is when the
 * activity was carried out, else when it was scheduled, else the time of its first event. Pipelined: each
 * event is one upsert, issued at once, so the activity's events run in their order.
 */
@ApplicationScoped
public class ActivityExportProjection implements PipelinedProjection {

    public static final String NAME = "activity-export";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> ddl() {
        return List.of("""
                        create table activity_export (
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
                            outcomes            text,
                            at                  timestamptz not null
                        )""",
                "create index activity_export_at on activity_export (at, activity_id)",
                "create index activity_export_team on activity_export (team_id, at, activity_id)",
                "create index activity_export_unit on activity_export (unit_id, at, activity_id)");
    }

    /** Columns an event may fill, in the order of the upsert's parameters $5 onwards. */
    private static final List<String> COLUMNS = List.of("activity_type", "lead_measure_id", "design_id",
            "design_version", "segment", "scheduled_at", "carried_out_at", "intention_reached", "presence", "focus",
            "quality_intention", "quality_frames", "quality_content", "quality_presence", "quality_focus",
            "quality_flexibility", "outcomes");

    private static final String UPSERT = "insert into activity_export (activity_id, team_id, unit_id, cancelled, "
            + String.join(", ", COLUMNS) + ", at) values ($1, $2, $3, $4, "
            + java.util.stream.IntStream.range(0, COLUMNS.size()).mapToObj(i -> "$" + (i + 5))
            .collect(Collectors.joining(", "))
            + ", coalesce($11::timestamptz, $10::timestamptz, $" + (COLUMNS.size() + 5) + "::timestamptz)) on conflict (activity_id) do update set "
            + "team_id = coalesce(excluded.team_id, activity_export.team_id), "
            + "unit_id = coalesce(excluded.unit_id, activity_export.unit_id), "
            + "cancelled = activity_export.cancelled or excluded.cancelled, "
            + COLUMNS.stream().map(c -> c + " = coalesce(excluded." + c + ", activity_export." + c + ")")
            .collect(Collectors.joining(", "))
            + ", at = coalesce(excluded.carried_out_at, activity_export.carried_out_at, excluded.scheduled_at, "
            + "activity_export.scheduled_at, activity_export.at)";

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        Object[] values = new Object[COLUMNS.size()];
        UUID activity;
        UUID team;
        UUID unit;
        boolean cancelled = false;
        if (incoming.event() instanceof ActivityPlanned planned) {
                activity = planned.activityId();
                team = planned.teamId();
                unit = planned.unitId();
                values[0] = planned.activityType();
                values[1] = planned.leadMeasureId();
                values[2] = planned.designId();
                values[3] = planned.designVersion();
                values[4] = planned.workplace() == null ? null : planned.workplace().segment();
                values[5] = utc(planned.scheduledAt());
        } else if (incoming.event() instanceof ActivityCarriedOut done) {
                activity = done.activityId();
                team = done.teamId();
                unit = done.unitId();
                values[0] = done.activityType();
                values[1] = done.leadMeasureId();
                values[2] = done.designId();
                values[3] = done.designVersion();
                values[4] = done.segment();
                values[6] = utc(done.carriedOutAt());
                values[7] = done.intentionReached() == null ? null
                        : done.intentionReached().name().toLowerCase(java.util.Locale.ROOT);
                values[8] = done.presence();
                values[9] = done.focus();
                values[16] = outcomes(done.outcomes());
        } else if (incoming.event() instanceof ActivityEvaluated evaluated) {
                activity = evaluated.activityId();
                team = evaluated.teamId();
                unit = evaluated.unitId();
                values[2] = evaluated.designId();
                values[3] = evaluated.designVersion();
                values[4] = evaluated.segment();
                QualityScores quality = evaluated.quality();
                if (quality != null) {
                    values[10] = quality.intention();
                    values[11] = quality.frames();
                    values[12] = quality.content();
                    values[13] = quality.presence();
                    values[14] = quality.focus();
                    values[15] = quality.flexibility();
                }
        } else if (incoming.event() instanceof ActivityCancelled cancel) {
                activity = cancel.activityId();
                team = cancel.teamId();
                unit = cancel.unitId();
                cancelled = true;
        } else {
            return Uni.createFrom().voidItem();
        }
        Tuple params = Tuple.tuple().addUUID(activity).addUUID(team).addUUID(unit).addBoolean(cancelled);
        for (Object value : values) {
            params.addValue(value);
        }
        params.addOffsetDateTime(utc(incoming.time()));
        return tx.preparedQuery(UPSERT).execute(params).replaceWithVoid();
    }

    /** Outcomes as {@code key=value;...}, keys in alphabetical order (deterministic). */
    static String outcomes(Map<String, Integer> outcomes) {
        if (outcomes == null || outcomes.isEmpty()) {
            return null;
        }
        return new TreeMap<>(outcomes).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
