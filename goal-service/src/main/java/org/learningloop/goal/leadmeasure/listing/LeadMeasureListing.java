package org.learningloop.goal.leadmeasure.listing;

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
import java.util.List;
import java.util.UUID;

/**
 * The lead-measure list read model: one row per lead measure, written in the transaction of each
 * command that changes it (so it never lags behind the streams), queried with Panache.
 */
@ApplicationScoped
public class LeadMeasureListing {

    /** What the list says of a lead measure. */
    public record Entry(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String name, String activityType,
                        int weeklyTarget, String status, UUID replacesId, UUID replacedById, long version) {
    }

    /** A lead measure in a list. */
    public record LeadMeasureSummary(UUID id, UUID wigId, UUID teamId, UUID unitId, String name, String activityType,
                                     int weeklyTarget, String status, UUID replaces, UUID replacedBy,
                                     Instant proposedAt, Instant updatedAt, long version) {

        static LeadMeasureSummary of(LeadMeasureListRow row) {
            return new LeadMeasureSummary(row.leadMeasureId, row.wigId, row.teamId, row.unitId, row.name,
                    row.activityType, row.weeklyTarget, row.status, row.replacesId, row.replacedById, row.proposedAt,
                    row.updatedAt, row.version);
        }
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

    /** A page of lead measures in the order they were proposed, optionally of one team, WIG or status. Call within a session. */
    public Uni<Page<LeadMeasureSummary>> page(UUID teamId, UUID wigId, String status, String cursor, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (teamId != null) {
            where.add("teamId = :teamId");
            parameters.and("teamId", teamId);
        }
        if (wigId != null) {
            where.add("wigId = :wigId");
            parameters.and("wigId", wigId);
        }
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (cursor != null) {
            String[] after = Cursors.decode(cursor, 2);
            Instant proposedAt;
            UUID leadMeasureId;
            try {
                proposedAt = Instant.parse(after[0]);
                leadMeasureId = UUID.fromString(after[1]);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
            where.add("(proposedAt > :proposedAt or (proposedAt = :proposedAt and leadMeasureId > :leadMeasureId))");
            parameters.and("proposedAt", proposedAt).and("leadMeasureId", leadMeasureId);
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return LeadMeasureListRow.<LeadMeasureListRow>find(query, Sort.by("proposedAt").and("leadMeasureId"), parameters)
                .range(0, limit) // inclusive: one more than a page tells whether another page follows
                .list()
                .map(rows -> Page.of(rows, limit, LeadMeasureSummary::of,
                        last -> Cursors.encode(last.proposedAt.toString(), last.leadMeasureId.toString())));
    }
}
