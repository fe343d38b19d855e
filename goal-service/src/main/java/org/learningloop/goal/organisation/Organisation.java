package org.learningloop.goal.organisation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.goal.organisation.TeamState.ExistingTeam;
import org.learningloop.goal.organisation.UnitState.ExistingUnit;
import org.learningloop.platform.command.CommandHandler;

import java.util.Optional;
import java.util.UUID;

/**
 * The organisation as other slices of goal-service need it (e.g. a team WIG checks that its team
 * exists and takes its unit), read from the unit and team streams, so it is never behind.
 */
@ApplicationScoped
public class Organisation {

    /** A team that has been formed, and the unit it belongs to. */
    public record TeamInfo(UUID teamId, UUID unitId, String name) {
    }

    /** A unit that has been set up, and its current manager. */
    public record UnitInfo(UUID unitId, String name, UUID managerId) {
    }

    private final CommandHandler handler;

    public Organisation(CommandHandler handler) {
        this.handler = handler;
    }

    /** The team, or empty when no such team has been formed. */
    public Uni<Optional<TeamInfo>> team(UUID teamId) {
        return handler.load(TeamService.TEAM, TeamService.TEAM.streamId(teamId))
                .map(decision -> decision.state() instanceof ExistingTeam team
                        ? Optional.of(new TeamInfo(team.teamId(), team.unitId(), team.name()))
                        : Optional.empty());
    }

    /** The unit, or empty when no such unit has been set up. */
    public Uni<Optional<UnitInfo>> unit(UUID unitId) {
        return handler.load(UnitService.UNIT, UnitService.UNIT.streamId(unitId))
                .map(decision -> decision.state() instanceof ExistingUnit unit
                        ? Optional.of(new UnitInfo(unit.unitId(), unit.name(), unit.managerId()))
                        : Optional.empty());
    }
}
