package org.learningloop.goal.leadmeasure.listing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.readmodel.KeysetQuery;
import org.learningloop.platform.readmodel.Rows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The lead-measure list read model {@code lead_measure_view}: one row per lead measure, written in the transaction of
 * each command that changes it (so it never lags behind the streams).
 */
@ApplicationScoped
public class LeadMeasureListing {

    /** What the list says of a lead measure. */
    public record Entry(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String name, String activityType,
                        int weeklyTarget, String status, UUID replacesId, UUID replacedById, long version) {
    }

    /** A lead measure in a list: a row of {@code lead_measure_view}. */
    public record LeadMeasureSummary(UUID id, UUID wigId, UUID teamId, UUID unitId, String name, String activityType,
                                     int weeklyTarget, String status, UUID replaces, UUID replacedBy,
                                     Instant proposedAt, Instant updatedAt, long version) {

        static LeadMeasureSummary from(Row row) {
            return new LeadMeasureSummary(row.getUUID("lead_measure_id"), row.getUUID("wig_id"),
                    row.getUUID("team_id"), row.getUUID("unit_id"), row.getString("name"),
                    row.getString("activity_type"), row.getInteger("weekly_target"), row.getString("status"),
                    row.getUUID("replaces_id"), row.getUUID("replaced_by_id"), Rows.instant(row, "proposed_at"),
                    Rows.instant(row, "updated_at"), row.getLong("version"));
        }
    }

    private final Pool pool;

    public LeadMeasureListing(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes {@code entry} as of {@code now} inside the command's transaction {@code tx}. A row never goes
     * back to an older version, so writing the same version again changes nothing.
     */
    public Uni<Void> write(SqlClient tx, Entry entry, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return tx.preparedQuery("""
                        insert into lead_measure_view (lead_measure_id, wig_id, team_id, unit_id, name, activity_type,
                                                       weekly_target, status, replaces_id, replaced_by_id, proposed_at,
                                                       updated_at, version)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
                        on conflict (lead_measure_id) do update
                        set status = excluded.status, replaces_id = excluded.replaces_id,
                            replaced_by_id = excluded.replaced_by_id, updated_at = excluded.updated_at,
                            version = excluded.version
                        where lead_measure_view.version < excluded.version""")
                .execute(Tuple.tuple().addUUID(entry.leadMeasureId()).addUUID(entry.wigId()).addUUID(entry.teamId())
                        .addUUID(entry.unitId()).addString(entry.name()).addString(entry.activityType())
                        .addInteger(entry.weeklyTarget()).addString(entry.status()).addUUID(entry.replacesId())
                        .addUUID(entry.replacedById()).addOffsetDateTime(at).addLong(entry.version()))
                .replaceWithVoid();
    }

    /** A page of lead measures in the order they were proposed, optionally of one team, WIG or status. */
    public Uni<Page<LeadMeasureSummary>> page(UUID teamId, UUID wigId, String status, String cursor, int limit) {
        return new KeysetQuery("select * from lead_measure_view", "proposed_at", "lead_measure_id")
                .where("team_id", "=", teamId)
                .where("wig_id", "=", wigId)
                .where("status", "=", status)
                .afterTimeAndId(cursor)
                .page(pool, limit, LeadMeasureSummary::from,
                        last -> Cursors.encode(last.proposedAt().toString(), last.id().toString()));
    }
}
