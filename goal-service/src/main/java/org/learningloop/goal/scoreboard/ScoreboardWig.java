package org.learningloop.goal.scoreboard;

import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A team's or unit's WIG on the scoreboard, a row of {@code scoreboard_wig} (written by {@link ScoreboardProjection}):
 * its lag measure and the reading of its latest period.
 */
record ScoreboardWig(UUID wigId, UUID teamId, String title, String metric, String lagUnit, BigDecimal lagFrom,
                     BigDecimal lagTo, LocalDate startDate, LocalDate deadline, String cadence, String currentPeriod,
                     BigDecimal currentValue) {

    static final String SELECT = "select wig_id, team_id, title, metric, lag_unit, lag_from, lag_to, start_date, "
            + "deadline, cadence, current_period, current_value from scoreboard_wig";

    static ScoreboardWig from(Row row) {
        return new ScoreboardWig(row.getUUID("wig_id"), row.getUUID("team_id"), row.getString("title"),
                row.getString("metric"), row.getString("lag_unit"), row.getBigDecimal("lag_from"),
                row.getBigDecimal("lag_to"), row.getLocalDate("start_date"), row.getLocalDate("deadline"),
                row.getString("cadence"), row.getString("current_period"), row.getBigDecimal("current_value"));
    }
}
