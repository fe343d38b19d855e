package org.learningloop.reporting.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventJson;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.reporting.history.TeamHistoryProjection;
import org.learningloop.reporting.projection.ProjectionReads;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A team's state as known at an instant, and optionally as it stood at another (business time): reads the team's
 * history entries recorded up to {@code knownAt} (its own through the {@code (team_id, occurred_at, ...)} index, its
 * unit's unit-wide ones through the partial unit index), in history order, gives each its {@link BusinessTime}, and
 * folds them with {@link TeamStateFold}.
 */
@ApplicationScoped
public class TeamStates {

    private final ProjectionReads reads;
    private final ZoneId zone;

    public TeamStates(ProjectionReads reads, LoopConfig loop) {
        this.reads = reads;
        this.zone = loop.timeZone();
    }

    /** The team as known at {@code knownAt}, as it stood at {@code validAt} ({@code null}: by recording time only). */
    public Uni<TeamState> state(UUID teamId, Instant knownAt, Instant validAt) {
        return reads.read(TeamHistoryProjection.NAME, tx -> known(tx, teamId).chain(known -> {
            if (!known) {
                return Uni.createFrom().failure(new HttpProblem(Problem.of(404, "team-not-found", "Team not found",
                        "No event of team " + teamId + " has been seen")));
            }
            return entries(tx, teamId, knownAt).map(entries -> TeamStateFold.fold(teamId, knownAt, validAt, entries));
        }));
    }

    private static Uni<Boolean> known(SqlConnection tx, UUID teamId) {
        return tx.preparedQuery("select exists (select 1 from team_unit where team_id = $1) "
                        + "or exists (select 1 from team_history_entry where team_id = $1) as known")
                .execute(Tuple.of(teamId))
                .map(rows -> rows.iterator().next().getBoolean("known"));
    }

    private Uni<List<TeamStateFold.Entry>> entries(SqlConnection tx, UUID teamId, Instant knownAt) {
        return tx.preparedQuery("""
                        select type, occurred_at, payload::text as payload from (
                            select type, occurred_at, stream_id, stream_version, event_id, payload
                            from team_history_entry where team_id = $1 and occurred_at <= $2
                            union all
                            select type, occurred_at, stream_id, stream_version, event_id, payload
                            from team_history_entry
                            where team_id is null and occurred_at <= $2
                              and unit_id = (select unit_id from team_unit where team_id = $1)
                        ) e order by occurred_at, stream_id, stream_version, event_id""")
                .execute(Tuple.of(teamId, OffsetDateTime.ofInstant(knownAt, ZoneOffset.UTC)))
                .map(rows -> {
                    List<TeamStateFold.Entry> entries = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        try {
                            String type = row.getString("type");
                            Instant recorded = row.getOffsetDateTime("occurred_at").toInstant();
                            JsonNode payload = EventJson.MAPPER.readTree(row.getString("payload"));
                            entries.add(new TeamStateFold.Entry(type, recorded,
                                    BusinessTime.of(type, payload, recorded, zone), payload));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("Stored payload is not JSON", e);
                        }
                    }
                    return entries;
                });
    }
}
