package org.learningloop.activity.design.listing;

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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The design list read model {@code design_view}: one row per design, written in the transaction of each command
 * that changes it (so it never lags behind the streams).
 */
@ApplicationScoped
public class DesignListing {

    /** What the list says of a design. */
    public record Entry(UUID designId, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                        List<String> segments, String status, int currentVersion, UUID forkedFromId,
                        long streamVersion) {
    }

    /** A design in a list: a row of {@code design_view}, whose segment keys are stored as {@code ,a,b,}. */
    public record DesignSummary(UUID id, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                                List<String> segments, String status, int version, UUID forkedFrom,
                                Instant createdAt, Instant updatedAt, long streamVersion) {

        static DesignSummary from(Row row) {
            List<String> segments = Arrays.stream(row.getString("segments").split(",")).filter(s -> !s.isEmpty())
                    .toList();
            return new DesignSummary(row.getUUID("design_id"), row.getUUID("unit_id"), row.getUUID("team_id"),
                    row.getString("name"), row.getString("activity_type"), row.getUUID("lead_measure_id"), segments,
                    row.getString("status"), row.getInteger("current_version"), row.getUUID("forked_from_id"),
                    Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"), row.getLong("stream_version"));
        }
    }

    private final Pool pool;

    public DesignListing(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes {@code entry} as of {@code now} inside the command's transaction {@code tx}. A row never goes
     * back to an older stream version, so writing the same version again changes nothing.
     */
    public Uni<Void> write(SqlClient tx, Entry entry, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return tx.preparedQuery("""
                        insert into design_view (design_id, unit_id, team_id, name, activity_type, lead_measure_id,
                                                 segments, status, current_version, forked_from_id, created_at,
                                                 updated_at, stream_version)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
                        on conflict (design_id) do update
                        set status = excluded.status, current_version = excluded.current_version,
                            updated_at = excluded.updated_at, stream_version = excluded.stream_version
                        where design_view.stream_version < excluded.stream_version""")
                .execute(Tuple.tuple().addUUID(entry.designId()).addUUID(entry.unitId()).addUUID(entry.teamId())
                        .addString(entry.name()).addString(entry.activityType()).addUUID(entry.leadMeasureId())
                        .addString("," + String.join(",", entry.segments()) + ",").addString(entry.status())
                        .addInteger(entry.currentVersion()).addUUID(entry.forkedFromId()).addOffsetDateTime(at)
                        .addLong(entry.streamVersion()))
                .replaceWithVoid();
    }

    /** A page of designs in the order they were created, optionally of one unit, activity type or segment. */
    public Uni<Page<DesignSummary>> page(UUID unitId, String activityType, String segment, String cursor, int limit) {
        return new KeysetQuery("select * from design_view", "created_at", "design_id")
                .where("unit_id", "=", unitId)
                .where("activity_type", "=", activityType)
                // segment keys are kebab-case (no commas, % or _), so the pattern matches exactly one key
                .where("segments", "like", segment == null ? null : "%," + segment + ",%")
                .afterTimeAndId(cursor)
                .page(pool, limit, DesignSummary::from,
                        last -> Cursors.encode(last.createdAt().toString(), last.id().toString()));
    }
}
