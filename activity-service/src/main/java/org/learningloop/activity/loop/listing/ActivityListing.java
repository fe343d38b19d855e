package org.learningloop.activity.loop.listing;

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
 * The team activity list read model: one row per activity, written in the transaction of each command
 * that changes it (so it never lags behind the streams), queried with Panache.
 */
@ApplicationScoped
public class ActivityListing {

    /** What the list says of an activity. */
    public record Entry(UUID activityId, UUID teamId, UUID unitId, UUID leadMeasureId, String activityType,
                        UUID designId, int designVersion, String segment, Instant scheduledAt, Instant carriedOutAt,
                        String status, int feedbackCount, long version) {
    }

    /** An activity in a team's list. */
    public record ActivitySummary(UUID id, UUID teamId, UUID unitId, UUID leadMeasureId, String activityType,
                                  UUID designId, int designVersion, String segment, Instant scheduledAt,
                                  Instant carriedOutAt, String status, int feedbackCount, Instant updatedAt,
                                  long version) {

        static ActivitySummary of(ActivityListRow row) {
            return new ActivitySummary(row.activityId, row.teamId, row.unitId, row.leadMeasureId, row.activityType,
                    row.designId, row.designVersion, row.segment, row.scheduledAt, row.carriedOutAt, row.status,
                    row.feedbackCount, row.updatedAt, row.version);
        }
    }

    /** The filters of a team's list; {@code null} means any. {@code from} is inclusive, {@code to} exclusive. */
    public record Filter(UUID teamId, String status, Instant from, Instant to, UUID designId, String segment) {
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
                        .addInteger(entry.designVersion()).addString(entry.segment()).addOffsetDateTime(utc(entry.scheduledAt()))
                        .addOffsetDateTime(utc(entry.carriedOutAt())).addString(entry.status())
                        .addInteger(entry.feedbackCount()).addOffsetDateTime(utc(now)).addLong(entry.version()))
                .replaceWithVoid();
    }

    /** A page of a team's activities in scheduled order. Call within a session. */
    public Uni<Page<ActivitySummary>> page(Filter filter, String cursor, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = Parameters.with("teamId", filter.teamId());
        where.add("teamId = :teamId");
        if (filter.status() != null) {
            where.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.from() != null) {
            where.add("scheduledAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("scheduledAt < :to");
            parameters.and("to", filter.to());
        }
        if (filter.designId() != null) {
            where.add("designId = :designId");
            parameters.and("designId", filter.designId());
        }
        if (filter.segment() != null) {
            where.add("segment = :segment");
            parameters.and("segment", filter.segment());
        }
        if (cursor != null) {
            String[] after = Cursors.decode(cursor, 2);
            Instant scheduledAt;
            UUID activityId;
            try {
                scheduledAt = Instant.parse(after[0]);
                activityId = UUID.fromString(after[1]);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
            where.add("(scheduledAt > :afterScheduledAt or (scheduledAt = :afterScheduledAt and activityId > :afterId))");
            parameters.and("afterScheduledAt", scheduledAt).and("afterId", activityId);
        }
        return ActivityListRow.<ActivityListRow>find(String.join(" and ", where),
                        Sort.by("scheduledAt").and("activityId"), parameters)
                .range(0, limit) // inclusive: one more than a page tells whether another page follows
                .list()
                .map(rows -> Page.of(rows, limit, ActivitySummary::of,
                        last -> Cursors.encode(last.scheduledAt.toString(), last.activityId.toString())));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
