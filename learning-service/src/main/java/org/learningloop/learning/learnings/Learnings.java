package org.learningloop.learning.learnings;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.learning.learnings.LearningApi.LearningSummary;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.readmodel.Rows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The team learning list read model, written in the transaction that records each learning. */
@ApplicationScoped
public class Learnings {

    public Uni<Void> write(SqlClient tx, LearningRecorded recorded, long version, Instant now) {
        return tx.preparedQuery("""
                        insert into learning_view (learning_id, team_id, unit_id, insight, element, tags, activity_ids,
                                                   from_candidate_id, recorded_at, version)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        on conflict (learning_id) do nothing""")
                .execute(Tuple.tuple().addUUID(recorded.learningId()).addUUID(recorded.teamId()).addUUID(recorded.unitId())
                        .addString(recorded.insight()).addString(recorded.element())
                        .addArrayOfString(recorded.tags().toArray(new String[0]))
                        .addArrayOfUUID(recorded.activityIds().toArray(new UUID[0])).addUUID(recorded.fromCandidateId())
                        .addOffsetDateTime(Rows.utc(now)).addLong(version))
                .replaceWithVoid();
    }

    /** Those of {@code ids} that are learnings of the team. */
    public Uni<Set<UUID>> ofTeam(SqlClient client, UUID teamId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("select learning_id from learning_view where team_id = $1 and learning_id = any($2)")
                .execute(Tuple.tuple().addUUID(teamId).addArrayOfUUID(ids.toArray(new UUID[0])))
                .map(rows -> {
                    Set<UUID> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getUUID("learning_id")));
                    return found;
                });
    }

    /**
     * Marks these learnings as reported at the WIG meeting of {@code week}, unless a meeting of an earlier
     * week reported them already: a learning belongs to the week of the first meeting that reported it.
     */
    public Uni<Void> reportedIn(SqlClient tx, List<UUID> ids, String week) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update learning_view set reported_week = $2
                        where learning_id = any($1) and (reported_week is null or reported_week > $2)""")
                .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])).addString(week))
                .replaceWithVoid();
    }

    /** A page of the team's learnings in the order recorded. */
    public Uni<Page<LearningSummary>> page(SqlClient client, UUID teamId, String cursor, int limit) {
        Tuple params = Tuple.tuple().addUUID(teamId);
        String after = "";
        if (cursor != null) {
            String[] key = Cursors.decode(cursor, 2);
            try {
                params.addOffsetDateTime(Rows.utc(Instant.parse(key[0]))).addUUID(UUID.fromString(key[1]));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
            after = " and (recorded_at, learning_id) > ($2, $3)";
        }
        params.addInteger(limit + 1);
        return client.preparedQuery("select * from learning_view where team_id = $1" + after
                        + " order by recorded_at, learning_id limit " + (cursor != null ? "$4" : "$2"))
                .execute(params)
                .map(rows -> {
                    List<LearningSummary> all = new ArrayList<>();
                    rows.forEach(row -> all.add(of(row)));
                    return Page.of(all, limit, summary -> summary,
                            last -> Cursors.encode(last.recordedAt().toString(), last.id().toString()));
                });
    }

    private static LearningSummary of(Row row) {
        return new LearningSummary(row.getUUID("learning_id"), row.getUUID("team_id"), row.getUUID("unit_id"),
                row.getString("insight"), row.getString("element"), Arrays.asList(row.getArrayOfStrings("tags")),
                Arrays.asList(row.getArrayOfUUIDs("activity_ids")), row.getUUID("from_candidate_id"),
                row.getOffsetDateTime("recorded_at").toInstant(), row.getLong("version"));
    }
}
