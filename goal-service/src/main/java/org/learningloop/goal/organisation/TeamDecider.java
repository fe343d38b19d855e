package org.learningloop.goal.organisation;

import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.MemberLeft;
import org.learningloop.contracts.goal.MemberRoleChanged;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.TeamEvent;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.Decider;
import org.learningloop.goal.organisation.TeamCommand.AddMember;
import org.learningloop.goal.organisation.TeamCommand.ChangeMemberRole;
import org.learningloop.goal.organisation.TeamCommand.CreateTeam;
import org.learningloop.goal.organisation.TeamCommand.RemoveMember;
import org.learningloop.goal.organisation.TeamState.ExistingTeam;
import org.learningloop.goal.organisation.TeamState.NoTeam;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules of a WIG team: it is formed once in an existing unit; a member joins once at a time
 * (and may join again after leaving); only current members change role or leave.
 */
public final class TeamDecider implements Decider<TeamCommand, TeamEvent, TeamState> {

    @Override
    public TeamState initialState() {
        return new NoTeam();
    }

    @Override
    public List<TeamEvent> decide(TeamCommand command, TeamState state) {
        if (command instanceof CreateTeam create) {
            return create(create, state);
        }
        if (command instanceof AddMember add) {
            ExistingTeam team = existing(state, add.teamId());
            if (team.isMember(add.memberId())) {
                throw CommandRejected.ruleViolated("already-member",
                        "Member " + add.memberId() + " is already in team " + team.teamId());
            }
            return List.of(new MemberJoined(team.teamId(), team.unitId(), add.memberId(), add.role(),
                    add.nameFingerprint(), add.nameWords()));
        }
        if (command instanceof ChangeMemberRole change) {
            ExistingTeam team = existing(state, change.teamId());
            TeamRole current = currentRole(team, change.memberId());
            if (current == change.role()) {
                return List.of();
            }
            return List.of(new MemberRoleChanged(team.teamId(), team.unitId(), change.memberId(), change.role(), current));
        }
        if (command instanceof RemoveMember remove) {
            ExistingTeam team = existing(state, remove.teamId());
            currentRole(team, remove.memberId());
            return List.of(new MemberLeft(team.teamId(), team.unitId(), remove.memberId()));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<TeamEvent> create(CreateTeam command, TeamState state) {
        if (state instanceof ExistingTeam) {
            throw CommandRejected.ruleViolated("team-exists", "Team " + command.teamId() + " is already formed");
        }
        if (!command.unit().exists()) {
            throw CommandRejected.unprocessable("unit-not-found", "There is no unit " + command.unit().unitId(),
                    new FieldError("unitId", "no such unit"));
        }
        return List.of(new TeamCreated(command.teamId(), command.unit().unitId(), command.name()));
    }

    /** The team in {@code state}, which must exist (404). */
    private static ExistingTeam existing(TeamState state, UUID teamId) {
        if (!(state instanceof ExistingTeam team)) {
            throw CommandRejected.notFound("team-not-found", "There is no team " + teamId);
        }
        return team;
    }

    /** The role of a current member (409 for anyone else, including former members). */
    private static TeamRole currentRole(ExistingTeam team, UUID memberId) {
        TeamRole role = team.members().get(memberId);
        if (role == null) {
            throw CommandRejected.ruleViolated("not-a-member", team.formerMembers().contains(memberId)
                    ? "Member " + memberId + " has left team " + team.teamId()
                    : "Member " + memberId + " is not in team " + team.teamId());
        }
        return role;
    }

    @Override
    public TeamState evolve(TeamState state, TeamEvent event) {
        if (event instanceof TeamCreated created) {
            return new ExistingTeam(created.teamId(), created.unitId(), created.name(), Map.of(), java.util.Set.of());
        }
        ExistingTeam team = (ExistingTeam) state;
        if (event instanceof MemberJoined joined) {
            return team.joined(joined.memberId(), joined.role());
        }
        if (event instanceof MemberRoleChanged changed) {
            return team.withRole(changed.memberId(), changed.role());
        }
        if (event instanceof MemberLeft left) {
            return team.left(left.memberId());
        }
        throw new IllegalArgumentException("Unhandled event " + event.getClass().getSimpleName());
    }
}
