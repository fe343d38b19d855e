package org.learningloop.goal.scoreboard;

import io.vertx.mutiny.sqlclient.Row;

import java.util.UUID;

/** A team's lead measure on the scoreboard, a row of {@code scoreboard_lead_measure} (written by {@link ScoreboardProjection}). */
record ScoreboardLeadMeasure(UUID leadMeasureId, UUID wigId, UUID teamId, String name, String activityType,
                             int weeklyTarget) {

    static final String SELECT = "select lead_measure_id, wig_id, team_id, name, activity_type, weekly_target "
            + "from scoreboard_lead_measure";

    static ScoreboardLeadMeasure from(Row row) {
        return new ScoreboardLeadMeasure(row.getUUID("lead_measure_id"), row.getUUID("wig_id"), row.getUUID("team_id"),
                row.getString("name"), row.getString("activity_type"), row.getInteger("weekly_target"));
    }
}
