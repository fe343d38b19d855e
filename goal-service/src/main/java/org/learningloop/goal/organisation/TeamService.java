package org.learningloop.goal.organisation;

import org.learningloop.platform.privacy.NameFingerprint;
import org.learningloop.platform.privacy.PersonNames;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.TeamEvent;
import org.learningloop.decider.CommandRejected;
import org.learningloop.goal.organisation.OrganisationApi.AddMemberRequest;
import org.learningloop.goal.organisation.OrganisationApi.ChangeRoleRequest;
import org.learningloop.goal.organisation.OrganisationApi.CreateTeamRequest;
import org.learningloop.goal.organisation.TeamCommand.AddMember;
import org.learningloop.goal.organisation.TeamCommand.ChangeMemberRole;
import org.learningloop.goal.organisation.TeamCommand.CreateTeam;
import org.learningloop.goal.organisation.TeamCommand.RemoveMember;
import org.learningloop.goal.organisation.TeamCommand.TeamUnit;
import org.learningloop.goal.organisation.TeamState.ExistingTeam;
import org.learningloop.goal.organisation.UnitState.ExistingUnit;
import org.learningloop.goal.organisation.view.OrganisationProjection;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Turns team and membership requests into commands on the team's stream. */
@ApplicationScoped
public class TeamService {

    static final Aggregate<TeamCommand, TeamEvent, TeamState> TEAM =
            new Aggregate<>("team", new TeamDecider(), TeamEvent.class, GoalEvents.CATALOG);

    private final CommandHandler handler;
    private final OrganisationCommands commands;
    private final OrganisationProjection projection;
    private final Clock clock;
    private final Caller caller;
    private final PersonNames names;

    public TeamService(CommandHandler handler, OrganisationCommands commands, OrganisationProjection projection, Clock clock,
                       Caller caller, PersonNames names) {
        this.names = names;
        this.handler = handler;
        this.commands = commands;
        this.projection = projection;
        this.clock = clock;
        this.caller = caller;
    }

    public Uni<Creation.Created<TeamState>> create(CreateTeamRequest request, String idempotencyKey) {
        CommandContext context = context(clock.instant());
        return handler.load(UnitService.UNIT, UnitService.UNIT.streamId(request.unitId()))
                .map(unit -> new TeamUnit(request.unitId(), unit.state() instanceof ExistingUnit))
                .chain(unit -> commands.create(TEAM, "POST /teams", idempotencyKey, request,
                        id -> new CreateTeam(id, unit, request.name()), context));
    }

    /**
     * The member joins; their display name is kept as staff data in the same transaction, never in the event, which
     * carries its keyed fingerprint instead (so every service can refuse free text naming them, issue 12).
     */
    public Uni<Decision<TeamState>> addMember(UUID teamId, long expectedVersion, AddMemberRequest request) {
        Instant now = clock.instant();
        NameFingerprint.Print name = names.fingerprint(request.displayName());
        return commands.change(TEAM, teamId, new AddMember(teamId, request.memberId(), request.role(),
                        name == null ? null : name.fingerprint(), name == null ? null : name.words()),
                expectedVersion, context(now), (tx, decision) -> projection.saveStaffMember(tx, request.memberId(),
                        request.displayName(), now)
                        .chain(() -> name == null ? Uni.createFrom().voidItem()
                                : names.remember(tx, request.memberId(), name.fingerprint(), name.words())));
    }

    public Uni<Decision<TeamState>> changeRole(UUID teamId, UUID memberId, long expectedVersion, ChangeRoleRequest request) {
        return commands.change(TEAM, teamId, new ChangeMemberRole(teamId, memberId, request.role()), expectedVersion,
                context(clock.instant()));
    }

    public Uni<Decision<TeamState>> removeMember(UUID teamId, UUID memberId, long expectedVersion) {
        return commands.change(TEAM, teamId, new RemoveMember(teamId, memberId), expectedVersion, context(clock.instant()));
    }

    /** The team and its version; 404 when there is none. */
    public Uni<Decision<TeamState>> get(UUID teamId) {
        return handler.load(TEAM, TEAM.streamId(teamId)).invoke(decision -> {
            if (!(decision.state() instanceof ExistingTeam)) {
                throw CommandRejected.notFound("team-not-found", "There is no team " + teamId);
            }
        });
    }

    private CommandContext context(Instant now) {
        return CommandContext.of(now, caller.actor());
    }
}
