package org.learningloop.activity.loop.listing;

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
import java.util.UUID;

/**
 * The team activity list read model {@code activity_view}: one row per activity, written in the transaction of each
 * command that changes it (so it never lags behind the streams).
 */
@ApplicationScoped
public class ActivityListing {

    /** What the list says of an activity. */
    public record Entry(UUID activityId, UUID teamId, UUID unitId, UUID leadMeasureId, String activityType,
                        UUID designId, int designVersion, String segment, Instant scheduledAt, Instant carriedOutAt,
                        String status, int feedbackCount, long version) {
    }

    /** An activity in a team's list: a row of {@code activity_view}. */
    public record ActivitySummary(UUID id, UUID teamId, UUID unitId, UUID leadMeasureId, String activityType,
                                  UUID designId, int designVersion, String segment, Instant scheduledAt,
                                  Instant carriedOutAt, String status, int feedbackCount, Instant updatedAt,
                                  long version) {

        static ActivitySummary from(Row row) {
            return new ActivitySummary(row.getUUID("activity_id"), row.getUUID("team_id"), row.getUUID("unit_id"),
                    row.getUUID("lead_measure_id"), row.getString("activity_type"), row.getUUID("design_id"),
                    row.getInteger("design_version"), row.getString("segment"), Rows.instant(row, "scheduled_at"),
                    Rows.instant(row, "carried_out_at"), row.getString("status"), row.getInteger("feedback_count"),
                    Rows.instant(row, "updated_at"), row.getLong("version"));
        }
    }

    /** The filters of a team's list; {@code null} means any. {@code from} is inclusive, {@code to} exclusive. */
    public record Filter(UUID teamId, String status, Instant from, Instant to, UUID designId, String segment) {
    }

    private final Pool pool;

    public ActivityListing(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes {@code entry} as of {@code now} inside the command's transaction {@code tx}. A row never goes
     * back to an older version.
     */
    public Uni<Void> write(SqlClient tx, Entry entry, Instant now) {
        return tx.preparedQuery("""
                        insert into activity_view (activity_id, team_id, unit_id, lead_measure_id, activity_type, design_id,
                                                   design_version, segment, scheduled_at, carried_out_at, status,
                                                   feedback_count, updated_at, version)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        on conflict (activity_id) do update
                        set carried_out_at = excluded.carried_out_at, status = excluded.status,
                            feedback_count = excluded.feedback_count, updated_at = excluded.updated_at,
                            version = excluded.version
                        where activity_view.version < excluded.version""")
                .execute(Tuple.tuple().addUUID(entry.activityId()).addUUID(entry.teamId()).addUUID(entry.unitId())
                        .addUUID(entry.leadMeasureId()).addString(entry.activityType()).addUUID(entry.designId())
                        .addInteger(entry.designVersion()).addString(entry.segment()).addOffsetDateTime(Rows.utc(entry.scheduledAt()))
                        .addOffsetDateTime(Rows.utc(entry.carriedOutAt())).addString(entry.status())
                        .addInteger(entry.feedbackCount()).addOffsetDateTime(Rows.utc(now)).addLong(entry.version()))
                .replaceWithVoid();
    }

    /** A page of a team's activities in scheduled order. */
    public Uni<Page<ActivitySummary>> page(Filter filter, String cursor, int limit) {
        return new KeysetQuery("select * from activity_view", "scheduled_at", "activity_id")
                .where("team_id", "=", filter.teamId())
                .where("status", "=", filter.status())
                .where("scheduled_at", ">=", filter.from())
                .where("scheduled_at", "<", filter.to())
                .where("design_id", "=", filter.designId())
                .where("segment", "=", filter.segment())
                .afterTimeAndId(cursor)
                .page(pool, limit, ActivitySummary::from,
                        last -> Cursors.encode(last.scheduledAt().toString(), last.id().toString()));
    }

}
