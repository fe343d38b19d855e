package org.learningloop.goal.organisation.view;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.platform.security.OrganisationDirectory;
import org.learningloop.platform.security.OrganisationReplica;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/**
 * goal-service's own answer to who belongs where: its organisation read models, written in the same transaction as
 * the organisation's events, so a member removed from a team loses that team's rights with the removal's answer.
 */
@ApplicationScoped
public class GoalDirectory implements OrganisationDirectory {

    private static final String TO_TEAM = """
            select case
                when exists (select 1 from team_view t join unit_view u on u.unit_id = t.unit_id
                             where t.team_id = $1 and u.manager_id = $2) then 'manager'
                else coalesce((select m.role from team_membership m
                               where m.team_id = $1 and m.member_id = $2 and m.left_at is null
                               order by m.role = 'team-lead' desc limit 1), 'none')
            end""";

    private static final String TO_UNIT = """
            select case
                when exists (select 1 from unit_view where unit_id = $1 and manager_id = $2) then 'manager'
                when exists (select 1 from team_membership m join team_view t on t.team_id = m.team_id
                             where t.unit_id = $1 and m.member_id = $2 and m.left_at is null) then 'member'
                else 'none'
            end""";

    private final Pool pool;

    public GoalDirectory(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Relation> toTeam(String subject, UUID teamId) {
        return OrganisationReplica.ask(pool, TO_TEAM, teamId, subject);
    }

    @Override
    public Uni<Relation> toUnit(String subject, UUID unitId) {
        return OrganisationReplica.ask(pool, TO_UNIT, unitId, subject);
    }
}
