package org.learningloop.goal.organisation.view;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.readmodel.KeysetQuery;
import org.learningloop.platform.readmodel.Rows;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queries of the organisation read models (written by {@link OrganisationProjection}): {@code unit_view},
 * {@code team_view}, {@code team_membership} (one row per stay of a member in a team) and {@code staff_member} (the
 * display names, staff data kept out of the events).
 */
@ApplicationScoped
public class OrganisationQueries {

    @Schema(description = "A unit in a list; version is the unit's ETag")
    public record UnitItem(UUID id, String name, UUID managerId, Instant createdAt, long version) {

        static UnitItem from(Row row) {
            return new UnitItem(row.getUUID("unit_id"), row.getString("name"), row.getUUID("manager_id"),
                    Rows.instant(row, "created_at"), row.getLong("version"));
        }
    }

    @Schema(description = "A team in a list; version is the team's ETag")
    public record TeamItem(UUID id, UUID unitId, String name, int memberCount, Instant createdAt, long version) {

        static TeamItem from(Row row) {
            return new TeamItem(row.getUUID("team_id"), row.getUUID("unit_id"), row.getString("name"),
                    row.getInteger("member_count"), Rows.instant(row, "created_at"), row.getLong("version"));
        }
    }

    @Schema(description = "One stay of a member in a team; leftAt is absent while it lasts. displayName is absent "
            + "when the staff member's data was erased.")
    public record Membership(UUID memberId, String displayName, TeamRole role, Instant joinedAt, Instant leftAt) {

        static Membership from(Row row) {
            return new Membership(row.getUUID("member_id"), row.getString("display_name"),
                    OrganisationProjection.role(row.getString("role")), Rows.instant(row, "joined_at"),
                    Rows.instant(row, "left_at"));
        }
    }

    @Schema(description = "A team's memberships, in the order they began")
    public record Memberships(UUID teamId, List<Membership> items) {
    }

    private final Pool pool;

    public OrganisationQueries(Pool pool) {
        this.pool = pool;
    }

    /** A page of units in the order they were set up. */
    public Uni<Page<UnitItem>> units(String cursor, int limit) {
        return new KeysetQuery("select * from unit_view", "created_at", "unit_id")
                .afterTimeAndId(cursor)
                .page(pool, limit, UnitItem::from,
                        last -> Cursors.encode(last.createdAt().toString(), last.id().toString()));
    }

    /** A page of teams in the order they were formed, optionally of one unit. */
    public Uni<Page<TeamItem>> teams(UUID unitId, String cursor, int limit) {
        return new KeysetQuery("select * from team_view", "created_at", "team_id")
                .where("unit_id", "=", unitId)
                .afterTimeAndId(cursor)
                .page(pool, limit, TeamItem::from,
                        last -> Cursors.encode(last.createdAt().toString(), last.id().toString()));
    }

    /** The team's current memberships, or all of them with {@code includePast}, with display names. */
    public Uni<Memberships> memberships(UUID teamId, boolean includePast) {
        return pool.preparedQuery("""
                        select m.member_id, s.display_name, m.role, m.joined_at, m.left_at
                        from team_membership m left join staff_member s on s.member_id = m.member_id
                        where m.team_id = $1""" + (includePast ? "" : " and m.left_at is null")
                        + " order by m.joined_at, m.id")
                .execute(Tuple.of(teamId))
                .map(rows -> new Memberships(teamId, Rows.list(rows, Membership::from)));
    }

    /** The display names known for {@code memberIds}; erased or never given ones are missing. */
    public Uni<Map<UUID, String>> displayNames(Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select member_id, display_name from staff_member where member_id = any($1)")
                .execute(Tuple.tuple().addArrayOfUUID(memberIds.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, String> names = new HashMap<>();
                    rows.forEach(row -> names.put(row.getUUID("member_id"), row.getString("display_name")));
                    return names;
                });
    }
}
