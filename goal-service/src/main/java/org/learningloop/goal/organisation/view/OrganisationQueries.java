package org.learningloop.goal.organisation.view;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Queries of the organisation read models. Call them within a session ({@code @WithSession}). */
@ApplicationScoped
public class OrganisationQueries {

    @Schema(description = "A unit in a list; version is the unit's ETag")
    public record UnitItem(UUID id, String name, UUID managerId, Instant createdAt, long version) {

        static UnitItem of(UnitView row) {
            return new UnitItem(row.unitId, row.name, row.managerId, row.createdAt, row.version);
        }
    }

    @Schema(description = "A team in a list; version is the team's ETag")
    public record TeamItem(UUID id, UUID unitId, String name, int memberCount, Instant createdAt, long version) {

        static TeamItem of(TeamView row) {
            return new TeamItem(row.teamId, row.unitId, row.name, row.memberCount, row.createdAt, row.version);
        }
    }

    @Schema(description = "One stay of a member in a team; leftAt is absent while it lasts. displayName is absent "
            + "when the staff member's data was erased.")
    public record Membership(UUID memberId, String displayName, TeamRole role, Instant joinedAt, Instant leftAt) {
    }

    @Schema(description = "A team's memberships, in the order they began")
    public record Memberships(UUID teamId, List<Membership> items) {
    }

    /** A page of units in the order they were set up. */
    public Uni<Page<UnitItem>> units(String cursor, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        after(cursor, "unitId", where, parameters);
        return UnitView.<UnitView>find(query(where), Sort.by("createdAt").and("unitId"), parameters)
                .range(0, limit) // inclusive: one more than a page tells whether another page follows
                .list()
                .map(rows -> Page.of(rows, limit, UnitItem::of, row -> Cursors.encode(row.createdAt.toString(),
                        row.unitId.toString())));
    }

    /** A page of teams in the order they were formed, optionally of one unit. */
    public Uni<Page<TeamItem>> teams(UUID unitId, String cursor, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (unitId != null) {
            where.add("unitId = :unitId");
            parameters.and("unitId", unitId);
        }
        after(cursor, "teamId", where, parameters);
        return TeamView.<TeamView>find(query(where), Sort.by("createdAt").and("teamId"), parameters)
                .range(0, limit)
                .list()
                .map(rows -> Page.of(rows, limit, TeamItem::of, row -> Cursors.encode(row.createdAt.toString(),
                        row.teamId.toString())));
    }

    /** The team's current memberships, or all of them with {@code includePast}, with display names. */
    public Uni<Memberships> memberships(UUID teamId, boolean includePast) {
        String query = includePast ? "teamId = ?1" : "teamId = ?1 and leftAt is null";
        return TeamMembership.<TeamMembership>list(query, Sort.by("joinedAt").and("id"), teamId)
                .chain(rows -> displayNames(rows.stream().map(row -> row.memberId).toList())
                        .map(names -> new Memberships(teamId, rows.stream()
                                .map(row -> new Membership(row.memberId, names.get(row.memberId),
                                        OrganisationProjection.role(row.role), row.joinedAt, row.leftAt))
                                .toList())));
    }

    /** The display names known for {@code memberIds}; erased or never given ones are missing. */
    public Uni<Map<UUID, String>> displayNames(Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return StaffMember.<StaffMember>list("memberId in ?1", List.copyOf(memberIds))
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> row.memberId, row -> row.displayName)));
    }

    private static void after(String cursor, String idField, List<String> where, Parameters parameters) {
        if (cursor == null) {
            return;
        }
        String[] after = Cursors.decode(cursor, 2);
        Instant createdAt;
        UUID id;
        try {
            createdAt = Instant.parse(after[0]);
            id = UUID.fromString(after[1]);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw Cursors.invalid();
        }
        where.add("(createdAt > :createdAt or (createdAt = :createdAt and " + idField + " > :afterId))");
        parameters.and("createdAt", createdAt).and("afterId", id);
    }

    private static String query(List<String> where) {
        return where.isEmpty() ? "1 = 1" : String.join(" and ", where);
    }

}
