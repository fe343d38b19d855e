package org.learningloop.goal.organisation.view;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.MemberLeft;
import org.learningloop.contracts.goal.MemberRoleChanged;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.UnitManagerChanged;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.RecordedEvent;
import org.learningloop.platform.readmodel.Rows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Writes the organisation read models in the caller's transaction: {@link #apply} applies events
 * just appended, {@link #catchUp} brings a unit's or team's rows up to its stream (the events
 * appended in that transaction included), and {@link #saveStaffMember} keeps a display name. Each
 * view row records the stream version it has applied, so applying an event twice changes nothing
 * and the views can be rebuilt from the event store.
 */
@ApplicationScoped
public class OrganisationProjection {

    private final EventStore store;

    public OrganisationProjection(EventStore store) {
        this.store = store;
    }

    /** Applies the events of the aggregate's stream that its view row has not applied yet. */
    public Uni<Void> catchUp(SqlClient tx, Aggregate<?, ?, ?> aggregate, UUID id) {
        return tx.preparedQuery(appliedVersionQuery(aggregate.streamType())).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("version"))
                .chain(applied -> store.readStreamFrom(tx, aggregate.streamId(id), applied + 1))
                .chain(events -> apply(tx, events));
    }

    private static String appliedVersionQuery(String streamType) {
        if ("unit".equals(streamType)) {
            return "select version from unit_view where unit_id = $1";
        }
        if ("team".equals(streamType)) {
            return "select version from team_view where team_id = $1";
        }
        throw new IllegalArgumentException("No organisation view for streams of type " + streamType);
    }

    /** Keeps the member's display name (staff data, never in an event); {@code updatedAt} moves only when it changes. */
    public Uni<Void> saveStaffMember(SqlClient tx, UUID memberId, String displayName, Instant now) {
        return tx.preparedQuery("""
                        insert into staff_member (member_id, display_name, updated_at) values ($1, $2, $3)
                        on conflict (member_id) do update set display_name = excluded.display_name, updated_at = excluded.updated_at
                        where staff_member.display_name is distinct from excluded.display_name""")
                .execute(Tuple.of(memberId, displayName, Rows.utc(now)))
                .replaceWithVoid();
    }

    /** Applies {@code events} (of unit and team streams, in stream order); those already applied change nothing. */
    public Uni<Void> apply(SqlClient tx, List<RecordedEvent> events) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (RecordedEvent event : events) {
            all = all.chain(() -> applyOne(tx, event));
        }
        return all;
    }

    private Uni<Void> applyOne(SqlClient tx, RecordedEvent recorded) {
        LoopEvent event = GoalEvents.CATALOG.decode(recorded.type(), recorded.typeVersion(), recorded.payload(),
                recorded.occurredAt());
        OffsetDateTime at = Rows.utc(recorded.occurredAt());
        long version = recorded.streamVersion();
        if (event instanceof UnitCreated created) {
            return run(tx, """
                    insert into unit_view (unit_id, name, manager_id, created_at, version) values ($1, $2, $3, $4, $5)
                    on conflict (unit_id) do nothing""",
                    Tuple.of(created.unitId(), created.name(), created.managerId(), at, version));
        }
        if (event instanceof UnitManagerChanged changed) {
            return run(tx, "update unit_view set manager_id = $2, version = $3 where unit_id = $1 and version < $3",
                    Tuple.of(changed.unitId(), changed.managerId(), version));
        }
        if (event instanceof TeamCreated created) {
            return run(tx, """
                    insert into team_view (team_id, unit_id, name, created_at, version) values ($1, $2, $3, $4, $5)
                    on conflict (team_id) do nothing""",
                    Tuple.of(created.teamId(), created.unitId(), created.name(), at, version));
        }
        // membership rows change only together with their team's row, which says how far the team has been applied
        if (event instanceof MemberJoined joined) {
            return run(tx, """
                    with advanced as (update team_view set version = $5, member_count = member_count + 1
                                      where team_id = $1 and version < $5 returning team_id)
                    insert into team_membership (team_id, member_id, role, joined_at) select team_id, $2, $3, $4 from advanced""",
                    Tuple.of(joined.teamId(), joined.memberId(), roleName(joined.role()), at, version));
        }
        if (event instanceof MemberRoleChanged changed) {
            return run(tx, """
                    with advanced as (update team_view set version = $4 where team_id = $1 and version < $4 returning team_id)
                    update team_membership m set role = $3 from advanced a
                    where m.team_id = a.team_id and m.member_id = $2 and m.left_at is null""",
                    Tuple.of(changed.teamId(), changed.memberId(), roleName(changed.role()), version));
        }
        if (event instanceof MemberLeft left) {
            return run(tx, """
                    with advanced as (update team_view set version = $4, member_count = member_count - 1
                                      where team_id = $1 and version < $4 returning team_id)
                    update team_membership m set left_at = $3 from advanced a
                    where m.team_id = a.team_id and m.member_id = $2 and m.left_at is null""",
                    Tuple.of(left.teamId(), left.memberId(), at, version));
        }
        throw new IllegalArgumentException("Not an organisation event: " + recorded.ceType());
    }

    /** The role as events and the read model spell it. */
    static String roleName(TeamRole role) {
        return role == TeamRole.TEAM_LEAD ? "team-lead" : "member";
    }

    static TeamRole role(String name) {
        return "team-lead".equals(name) ? TeamRole.TEAM_LEAD : TeamRole.MEMBER;
    }

    private static Uni<Void> run(SqlClient tx, String sql, Tuple arguments) {
        return tx.preparedQuery(sql).execute(arguments).replaceWithVoid();
    }

}
