package org.learningloop.learning.loop;

import org.learningloop.contracts.Periods;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.FeedbackGiven;
import org.learningloop.contracts.activity.FeedbackItem;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.config.LoopConfig;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The activity read model from {@code loop.activities}: per activity what it was (team, unit, design
 * version, segment, type, lead measure), when it was carried out (its week and month from
 * {@code carriedOutAt} in the organisation's zone), whether the intention was reached, outcomes and
 * adaptations; its quality scores and improvement proposals once evaluated; its sorted feedback items.
 * Written in the inbox transaction of the {@code activities} consumer; an evaluation that arrives first
 * leaves a row the carried-out event completes.
 */
@ApplicationScoped
public class ActivityFacts {

    private final LoopConfig config;

    public ActivityFacts(LoopConfig config) {
        this.config = config;
    }

    public Uni<Void> apply(SqlClient tx, IncomingEvent incoming) {
        if (incoming.event() instanceof ActivityCarriedOut carried) {
            return carriedOut(tx, carried);
        }
        if (incoming.event() instanceof ActivityEvaluated evaluated) {
            return evaluated(tx, evaluated);
        }
        if (incoming.event() instanceof FeedbackGiven feedback) {
            return feedback(tx, incoming, feedback);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> carriedOut(SqlClient tx, ActivityCarriedOut carried) {
        Tuple params = Tuple.tuple().addUUID(carried.activityId()).addUUID(carried.teamId()).addUUID(carried.unitId())
                .addString(carried.activityType()).addUUID(carried.leadMeasureId()).addUUID(carried.designId())
                .addInteger(carried.designVersion()).addString(carried.segment())
                .addOffsetDateTime(OffsetDateTime.ofInstant(carried.carriedOutAt(), ZoneOffset.UTC))
                .addString(Periods.month(carried.carriedOutAt(), config.timeZone()))
                .addString(Periods.week(carried.carriedOutAt(), config.timeZone()))
                .addString(carried.intentionReached() == null ? null : json(carried.intentionReached()).replace("\"", ""))
                .addString(json(carried.outcomes() == null ? java.util.Map.of() : carried.outcomes()))
                .addString(json(carried.adaptations() == null ? List.of() : carried.adaptations()));
        return tx.preparedQuery("""
                        insert into activity_fact (activity_id, team_id, unit_id, activity_type, lead_measure_id, design_id,
                                                   design_version, segment, carried_out_at, month, week, intention_reached,
                                                   outcomes, adaptations)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb, $14::text::jsonb)
                        on conflict (activity_id) do update set team_id = excluded.team_id, unit_id = excluded.unit_id,
                            activity_type = excluded.activity_type, lead_measure_id = excluded.lead_measure_id,
                            design_id = excluded.design_id, design_version = excluded.design_version,
                            segment = excluded.segment, carried_out_at = excluded.carried_out_at, month = excluded.month,
                            week = excluded.week, intention_reached = excluded.intention_reached,
                            outcomes = excluded.outcomes, adaptations = excluded.adaptations""")
                .execute(params).replaceWithVoid();
    }

    private Uni<Void> evaluated(SqlClient tx, ActivityEvaluated evaluated) {
        QualityScores q = evaluated.quality();
        Tuple params = Tuple.tuple().addUUID(evaluated.activityId()).addUUID(evaluated.teamId())
                .addUUID(evaluated.unitId()).addUUID(evaluated.designId()).addInteger(evaluated.designVersion())
                .addString(evaluated.segment())
                .addInteger(q == null ? null : q.intention()).addInteger(q == null ? null : q.frames())
                .addInteger(q == null ? null : q.content()).addInteger(q == null ? null : q.presence())
                .addInteger(q == null ? null : q.focus()).addInteger(q == null ? null : q.flexibility())
                .addString(json(evaluated.improvementProposals() == null ? List.of() : evaluated.improvementProposals()));
        return tx.preparedQuery("""
                        insert into activity_fact (activity_id, team_id, unit_id, design_id, design_version, segment,
                                                   q_intention, q_frames, q_content, q_presence, q_focus, q_flexibility,
                                                   improvement_proposals)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb)
                        on conflict (activity_id) do update set
                            design_id = coalesce(activity_fact.design_id, excluded.design_id),
                            design_version = coalesce(activity_fact.design_version, excluded.design_version),
                            segment = coalesce(activity_fact.segment, excluded.segment),
                            q_intention = excluded.q_intention, q_frames = excluded.q_frames, q_content = excluded.q_content,
                            q_presence = excluded.q_presence, q_focus = excluded.q_focus,
                            q_flexibility = excluded.q_flexibility, improvement_proposals = excluded.improvement_proposals""")
                .execute(params).replaceWithVoid();
    }

    private static Uni<Void> feedback(SqlClient tx, IncomingEvent incoming, FeedbackGiven feedback) {
        List<FeedbackItem> items = feedback.items() == null ? List.of() : feedback.items();
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            FeedbackItem item = items.get(i);
            rows.add(Tuple.tuple().addUUID(incoming.eventId()).addInteger(i).addUUID(feedback.activityId())
                    .addString(item.category()).addString(item.element()).addString(item.text()));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into feedback_item (event_id, position, activity_id, category, element, text)
                        values ($1, $2, $3, $4, $5, $6) on conflict (event_id, position) do nothing""")
                .executeBatch(rows).replaceWithVoid();
    }

    static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
