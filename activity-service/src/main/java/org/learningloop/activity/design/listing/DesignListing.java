package org.learningloop.activity.design.listing;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The design list read model: one row per design, written in the transaction of each command that
 * changes it (so it never lags behind the streams), queried with Panache.
 */
@ApplicationScoped
public class DesignListing {

    /** What the list says of a design. */
    public record Entry(UUID designId, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                        List<String> segments, String status, int currentVersion, UUID forkedFromId,
                        long streamVersion) {
    }

    /** A design in a list. */
    public record DesignSummary(UUID id, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                                List<String> segments, String status, int version, UUID forkedFrom,
                                Instant createdAt, Instant updatedAt, long streamVersion) {

        static DesignSummary of(DesignListRow row) {
            List<String> segments = Arrays.stream(row.segments.split(",")).filter(s -> !s.isEmpty()).toList();
            return new DesignSummary(row.designId, row.unitId, row.teamId, row.name, row.activityType,
                    row.leadMeasureId, segments, row.status, row.currentVersion, row.forkedFromId, row.createdAt,
                    row.updatedAt, row.streamVersion);
        }
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

    /** A page of designs in the order they were created, optionally of one unit, activity type or segment. Call within a session. */
    public Uni<Page<DesignSummary>> page(UUID unitId, String activityType, String segment, String cursor, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (unitId != null) {
            where.add("unitId = :unitId");
            parameters.and("unitId", unitId);
        }
        if (activityType != null) {
            where.add("activityType = :activityType");
            parameters.and("activityType", activityType);
        }
        if (segment != null) {
            // segment keys are kebab-case (no commas, % or _), so the pattern matches exactly one key
            where.add("segments like :segment");
            parameters.and("segment", "%," + segment + ",%");
        }
        if (cursor != null) {
            String[] after = Cursors.decode(cursor, 2);
            Instant createdAt;
            UUID designId;
            try {
                createdAt = Instant.parse(after[0]);
                designId = UUID.fromString(after[1]);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
            where.add("(createdAt > :createdAt or (createdAt = :createdAt and designId > :designId))");
            parameters.and("createdAt", createdAt).and("designId", designId);
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return DesignListRow.<DesignListRow>find(query, Sort.by("createdAt").and("designId"), parameters)
                .range(0, limit) // inclusive: one more than a page tells whether another page follows
                .list()
                .map(rows -> Page.of(rows, limit, DesignSummary::of,
                        last -> Cursors.encode(last.createdAt.toString(), last.designId.toString())));
    }
}
