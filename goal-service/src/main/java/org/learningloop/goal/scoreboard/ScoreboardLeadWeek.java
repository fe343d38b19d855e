package org.learningloop.goal.scoreboard;

import io.vertx.mutiny.sqlclient.Row;

import java.util.UUID;

/**
 * A lead measure's actuals in one ISO week, a row of {@code scoreboard_lead_week} (written by
 * {@link ScoreboardProjection}): {@code automatic} counts the activities carried out, counted from activity-service's
 * events; {@code manual} is the latest manual count recorded for the week.
 */
record ScoreboardLeadWeek(UUID leadMeasureId, String week, int automatic, int manual) {

    static final String SELECT = "select lead_measure_id, week, automatic, manual from scoreboard_lead_week";

    static ScoreboardLeadWeek from(Row row) {
        return new ScoreboardLeadWeek(row.getUUID("lead_measure_id"), row.getString("week"),
                row.getInteger("automatic"), row.getInteger("manual"));
    }
}
