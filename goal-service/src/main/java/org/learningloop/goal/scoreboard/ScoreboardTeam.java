package org.learningloop.goal.scoreboard;

import io.vertx.mutiny.sqlclient.Row;

import java.util.UUID;

/**
 * A team on the scoreboard, a row of {@code scoreboard_team} (written by {@link ScoreboardProjection}): known by
 * TeamCreated, or only because a WIG or lead measure names it (then without name, perhaps without unit).
 */
record ScoreboardTeam(UUID teamId, UUID unitId, String name) {

    static final String SELECT = "select team_id, unit_id, name from scoreboard_team";

    static ScoreboardTeam from(Row row) {
        return new ScoreboardTeam(row.getUUID("team_id"), row.getUUID("unit_id"), row.getString("name"));
    }
}
