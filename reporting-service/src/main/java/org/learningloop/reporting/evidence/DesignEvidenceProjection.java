package org.learningloop.reporting.evidence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.reporting.projection.Projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The {@code design-evidence} projection: one row per activity of {@code loop.activities} with what the
 * evidence reports need — team, unit, activity type, lead measure, design id and version, segment, when it was
 * carried out (the payload's {@code carriedOutAt}), whether its intention was reached, its outcome counts and
 * its quality scores. Planned, carried out and evaluated fill the row; cancelled marks it (reports skip it).
 * {@code design_name} keeps each design's name from {@code activity.design-created}.
 */
@ApplicationScoped
public class DesignEvidenceProjection implements Projection {

    public static final String NAME = "design-evidence";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> ddl() {
        return List.of("""
                create table design_activity (
                    activity_id uuid primary key,
                    team_id uuid,
                    unit_id uuid,
                    activity_type text,
                    lead_measure_id uuid,
                    design_id uuid,
                    design_version int,
                    segment text,
                    scheduled_at timestamptz,
                    carried_out_at timestamptz,
                    intention_reached text,
                    outcomes jsonb,
                    q_intention int, q_frames int, q_content int, q_presence int, q_focus int, q_flexibility int,
                    cancelled boolean not null default false)""",
                "create index design_activity_type_segment on design_activity (activity_type, segment)",
                "create index design_activity_lead_measure on design_activity (lead_measure_id)",
                "create index design_activity_unit on design_activity (unit_id)",
                "create table design_name (design_id uuid primary key, name text)");
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        if (incoming.event() instanceof ActivityPlanned planned) {
            return tx.preparedQuery("""
                            insert into design_activity (activity_id, team_id, unit_id, activity_type, lead_measure_id,
                                                         design_id, design_version, segment, scheduled_at)
                            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                            on conflict (activity_id) do update set
                                team_id = coalesce(design_activity.team_id, excluded.team_id),
                                unit_id = coalesce(design_activity.unit_id, excluded.unit_id),
                                activity_type = coalesce(design_activity.activity_type, excluded.activity_type),
                                lead_measure_id = coalesce(design_activity.lead_measure_id, excluded.lead_measure_id),
                                design_id = coalesce(design_activity.design_id, excluded.design_id),
                                design_version = coalesce(design_activity.design_version, excluded.design_version),
                                segment = coalesce(design_activity.segment, excluded.segment),
                                scheduled_at = excluded.scheduled_at""")
                    .execute(Tuple.tuple().addUUID(planned.activityId()).addUUID(planned.teamId())
                            .addUUID(planned.unitId()).addString(planned.activityType())
                            .addUUID(planned.leadMeasureId()).addUUID(planned.designId())
                            .addInteger(planned.designVersion())
                            .addString(planned.workplace() == null ? null : planned.workplace().segment())
                            .addOffsetDateTime(utc(planned.scheduledAt())))
                    .replaceWithVoid();
        }
        if (incoming.event() instanceof ActivityCarriedOut done) {
            // what the activity was carried out with wins over what was planned
            return tx.preparedQuery("""
                            insert into design_activity (activity_id, team_id, unit_id, activity_type, lead_measure_id,
                                                         design_id, design_version, segment, carried_out_at,
                                                         intention_reached, outcomes)
                            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb)
                            on conflict (activity_id) do update set
                                team_id = coalesce(excluded.team_id, design_activity.team_id),
                                unit_id = coalesce(excluded.unit_id, design_activity.unit_id),
                                activity_type = coalesce(excluded.activity_type, design_activity.activity_type),
                                lead_measure_id = coalesce(excluded.lead_measure_id, design_activity.lead_measure_id),
                                design_id = coalesce(excluded.design_id, design_activity.design_id),
                                design_version = coalesce(excluded.design_version, design_activity.design_version),
                                segment = coalesce(excluded.segment, design_activity.segment),
                                carried_out_at = excluded.carried_out_at,
                                intention_reached = excluded.intention_reached,
                                outcomes = excluded.outcomes""")
                    .execute(Tuple.tuple().addUUID(done.activityId()).addUUID(done.teamId()).addUUID(done.unitId())
                            .addString(done.activityType()).addUUID(done.leadMeasureId()).addUUID(done.designId())
                            .addInteger(done.designVersion()).addString(done.segment())
                            .addOffsetDateTime(utc(done.carriedOutAt()))
                            .addString(done.intentionReached() == null ? null
                                    : done.intentionReached().name().toLowerCase())
                            .addString(json(done.outcomes() == null ? Map.of() : done.outcomes())))
                    .replaceWithVoid();
        }
        if (incoming.event() instanceof ActivityEvaluated evaluated && evaluated.quality() != null) {
            QualityScores q = evaluated.quality();
            return tx.preparedQuery("""
                            insert into design_activity (activity_id, team_id, unit_id, design_id, design_version, segment,
                                                         q_intention, q_frames, q_content, q_presence, q_focus,
                                                         q_flexibility)
                            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                            on conflict (activity_id) do update set
                                q_intention = excluded.q_intention, q_frames = excluded.q_frames,
                                q_content = excluded.q_content, q_presence = excluded.q_presence,
                                q_focus = excluded.q_focus, q_flexibility = excluded.q_flexibility""")
                    .execute(Tuple.tuple().addUUID(evaluated.activityId()).addUUID(evaluated.teamId())
                            .addUUID(evaluated.unitId()).addUUID(evaluated.designId())
                            .addInteger(evaluated.designVersion()).addString(evaluated.segment())
                            .addInteger(q.intention()).addInteger(q.frames()).addInteger(q.content())
                            .addInteger(q.presence()).addInteger(q.focus()).addInteger(q.flexibility()))
                    .replaceWithVoid();
        }
        if (incoming.event() instanceof DesignCreated created) {
            return tx.preparedQuery("insert into design_name (design_id, name) values ($1, $2) "
                            + "on conflict (design_id) do update set name = excluded.name")
                    .execute(Tuple.of(created.designId(), created.name())).replaceWithVoid();
        }
        if (incoming.event() instanceof ActivityCancelled cancelled) {
            return tx.preparedQuery("""
                            insert into design_activity (activity_id, team_id, unit_id, cancelled) values ($1, $2, $3, true)
                            on conflict (activity_id) do update set cancelled = true""")
                    .execute(Tuple.of(cancelled.activityId(), cancelled.teamId(), cancelled.unitId()))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
