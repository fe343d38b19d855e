package org.learningloop.platform.security;

import org.learningloop.platform.privacy.PersonNames;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.goal.MemberErased;
import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.MemberLeft;
import org.learningloop.contracts.goal.MemberRoleChanged;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.UnitManagerChanged;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.privacy.TextKeys;

import java.util.UUID;

/**
 * The organisation directory of a service that does not own the organisation: who manages which unit, which
 * team is in which unit, who is a member or the lead of which team, from the organisation's events on
 * {@code loop.goals} (tables {@code org_unit}, {@code org_team}, {@code org_member}). {@link OrganisationFollower}
 * applies each event with {@link #apply} in its inbox transaction. The replica follows the
 * topic, so a change of the organisation reaches it a moment after goal-service answered (the time a consumer
 * lags). goal-service replaces this bean by its own directory.
 */
@DefaultBean
@ApplicationScoped
public class OrganisationReplica implements OrganisationDirectory {

    private static final String TO_TEAM = """
            select case
                when exists (select 1 from org_team t join org_unit u on u.unit_id = t.unit_id
                             where t.team_id = $1 and u.manager_id = $2) then 'manager'
                else coalesce((select role from org_member where team_id = $1 and member_id = $2), 'none')
            end""";

    private static final String TO_UNIT = """
            select case
                when exists (select 1 from org_unit where unit_id = $1 and manager_id = $2) then 'manager'
                when exists (select 1 from org_member m join org_team t on t.team_id = m.team_id
                             where t.unit_id = $1 and m.member_id = $2) then 'member'
                else 'none'
            end""";

    private final Pool pool;
    private final PersonNames names;
    private final TextKeys textKeys;

    public OrganisationReplica(Pool pool, PersonNames names, TextKeys textKeys) {
        this.pool = pool;
        this.names = names;
        this.textKeys = textKeys;
    }

    /** Applies one event of {@code loop.goals}; any other event changes nothing. */
    public Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        LoopEvent event = incoming.event();
        if (event instanceof UnitCreated unit) {
            return run(tx, "insert into org_unit (unit_id, manager_id) values ($1, $2) on conflict (unit_id) "
                    + "do update set manager_id = excluded.manager_id", Tuple.of(unit.unitId(), unit.managerId()));
        }
        if (event instanceof UnitManagerChanged changed) {
            return run(tx, "insert into org_unit (unit_id, manager_id) values ($1, $2) on conflict (unit_id) "
                    + "do update set manager_id = excluded.manager_id", Tuple.of(changed.unitId(), changed.managerId()));
        }
        if (event instanceof TeamCreated team) {
            return run(tx, "insert into org_team (team_id, unit_id) values ($1, $2) on conflict (team_id) "
                    + "do update set unit_id = excluded.unit_id", Tuple.of(team.teamId(), team.unitId()));
        }
        if (event instanceof MemberJoined joined) {
            // the name's fingerprint, never the name: free text naming the member is refused here too (issue 12)
            Uni<Void> named = joined.nameFingerprint() == null || joined.nameWords() == null
                    ? Uni.createFrom().voidItem()
                    : names.remember(tx, joined.memberId(), joined.nameFingerprint(), joined.nameWords());
            return named.chain(() -> member(tx, joined.teamId(), joined.memberId(), joined.role()));
        }
        if (event instanceof MemberRoleChanged changed) {
            return member(tx, changed.teamId(), changed.memberId(), changed.role());
        }
        if (event instanceof MemberErased erased) {
            // an org admin erased the person's data: the fingerprint of their name goes here too (issue 12), and the
            // keys of the texts they wrote or that are about them, with tombstones for every other service (ADR 18)
            return names.forget(tx, erased.memberId())
                    .chain(() -> textKeys.forget(tx, erased.memberId(), java.time.Instant.now()))
                    .replaceWithVoid();
        }
        if (event instanceof MemberLeft left) {
            return run(tx, "delete from org_member where team_id = $1 and member_id = $2",
                    Tuple.of(left.teamId(), left.memberId()));
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Relation> toTeam(String subject, UUID teamId) {
        return ask(pool, TO_TEAM, teamId, subject);
    }

    @Override
    public Uni<Relation> toUnit(String subject, UUID unitId) {
        return ask(pool, TO_UNIT, unitId, subject);
    }

    /**
     * Runs a directory query with the team or unit as {@code $1} and the subject's member id as {@code $2}; it names
     * the relation: {@code manager}, {@code team-lead}, {@code member} or {@code none}. A subject that is not a member
     * id (members are known by their identity's subject) is nobody.
     */
    public static Uni<Relation> ask(Pool pool, String sql, UUID scope, String subject) {
        UUID member;
        try {
            member = subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException notAMember) {
            member = null;
        }
        if (member == null || scope == null) {
            return Uni.createFrom().item(Relation.NONE);
        }
        return pool.preparedQuery(sql).execute(Tuple.of(scope, member))
                .map(rows -> switch (rows.iterator().next().getString(0)) {
                    case "manager" -> Relation.MANAGER;
                    case "team-lead" -> Relation.TEAM_LEAD;
                    case "member" -> Relation.MEMBER;
                    default -> Relation.NONE;
                });
    }

    private static Uni<Void> member(SqlConnection tx, UUID teamId, UUID memberId, TeamRole role) {
        String name = role == TeamRole.TEAM_LEAD ? "team-lead" : "member";
        return run(tx, "insert into org_member (team_id, member_id, role) values ($1, $2, $3) on conflict "
                + "(team_id, member_id) do update set role = excluded.role", Tuple.of(teamId, memberId, name));
    }

    private static Uni<Void> run(SqlConnection tx, String sql, Tuple arguments) {
        return tx.preparedQuery(sql).execute(arguments).replaceWithVoid();
    }
}
