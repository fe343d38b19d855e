package org.learningloop.goal.organisation;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.MemberLeft;
import org.learningloop.contracts.goal.MemberRoleChanged;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.TeamEvent;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.goal.organisation.TeamCommand.AddMember;
import org.learningloop.goal.organisation.TeamCommand.ChangeMemberRole;
import org.learningloop.goal.organisation.TeamCommand.CreateTeam;
import org.learningloop.goal.organisation.TeamCommand.RemoveMember;
import org.learningloop.goal.organisation.TeamCommand.TeamUnit;
import org.learningloop.goal.organisation.TeamState.ExistingTeam;
import org.learningloop.testing.DeciderSpecification;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TeamDeciderTest {

    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID UNIT = UUID.randomUUID();
    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BO = UUID.randomUUID();
    private static final TeamCreated CREATED = new TeamCreated(TEAM, UNIT, "Recruiters North");
    private static final MemberJoined ANNA_JOINED = new MemberJoined(TEAM, UNIT, ANNA, TeamRole.MEMBER);
    private static final MemberLeft ANNA_LEFT = new MemberLeft(TEAM, UNIT, ANNA);

    private final DeciderSpecification<TeamCommand, TeamEvent, TeamState> spec = DeciderSpecification.of(new TeamDecider());

    @Test
    void givenExistingUnit_whenTeamCreated_thenTeamCreatedInThatUnitWithoutMembers() {
        TeamState state = spec.given().when(new CreateTeam(TEAM, new TeamUnit(UNIT, true), "Recruiters North"))
                .then(CREATED);
        assertThat(((ExistingTeam) state).members()).isEmpty();
        assertThat(((ExistingTeam) state).unitId()).isEqualTo(UNIT);
    }

    @Test
    void givenNoSuchUnit_whenTeamCreated_thenUnprocessableNamingUnitId() {
        var rejected = spec.given().when(new CreateTeam(TEAM, new TeamUnit(UNIT, false), "Recruiters North"))
                .thenRejected(Reason.UNPROCESSABLE, "unit-not-found");
        assertThat(rejected.fieldErrors()).extracting(e -> e.field()).containsExactly("unitId");
    }

    @Test
    void givenTeam_whenCreatedAgain_thenRejectedAsExisting() {
        spec.given(CREATED).when(new CreateTeam(TEAM, new TeamUnit(UNIT, true), "Again"))
                .thenRejected(Reason.RULE_VIOLATED, "team-exists");
    }

    @Test
    void givenTeam_whenMemberAdded_thenMemberJoinedWithRoleAndUnit() {
        TeamState state = spec.given(CREATED).when(new AddMember(TEAM, ANNA, TeamRole.TEAM_LEAD, null, null))
                .then(new MemberJoined(TEAM, UNIT, ANNA, TeamRole.TEAM_LEAD));
        assertThat(((ExistingTeam) state).members()).containsEntry(ANNA, TeamRole.TEAM_LEAD);
    }

    /** The event carries the name's fingerprint the command was given, never a name. */
    @Test
    void givenTeam_whenMemberAddedWithTheirNamesFingerprint_thenTheEventCarriesIt() {
        String print = "ab".repeat(32);
        spec.given(CREATED).when(new AddMember(TEAM, ANNA, TeamRole.MEMBER, print, 2))
                .then(new MemberJoined(TEAM, UNIT, ANNA, TeamRole.MEMBER, print, 2));
    }

    @Test
    void givenMember_whenAddedAgain_thenRejectedAsAlreadyMember() {
        spec.given(CREATED, ANNA_JOINED).when(new AddMember(TEAM, ANNA, TeamRole.TEAM_LEAD, null, null))
                .thenRejected(Reason.RULE_VIOLATED, "already-member");
    }

    @Test
    void givenMemberWhoLeft_whenAddedAgain_thenJoinsAgainAndIsNoLongerFormer() {
        TeamState state = spec.given(CREATED, ANNA_JOINED, ANNA_LEFT).when(new AddMember(TEAM, ANNA, TeamRole.TEAM_LEAD, null, null))
                .then(new MemberJoined(TEAM, UNIT, ANNA, TeamRole.TEAM_LEAD));
        assertThat(((ExistingTeam) state).members()).containsEntry(ANNA, TeamRole.TEAM_LEAD);
        assertThat(((ExistingTeam) state).formerMembers()).isEmpty();
    }

    @Test
    void givenNoTeam_whenMemberAdded_thenNotFound() {
        spec.given().when(new AddMember(TEAM, ANNA, TeamRole.MEMBER, null, null)).thenRejected(Reason.NOT_FOUND, "team-not-found");
    }

    @Test
    void givenMember_whenRoleChanged_thenRoleChangedWithPrevious() {
        TeamState state = spec.given(CREATED, ANNA_JOINED).when(new ChangeMemberRole(TEAM, ANNA, TeamRole.TEAM_LEAD))
                .then(new MemberRoleChanged(TEAM, UNIT, ANNA, TeamRole.TEAM_LEAD, TeamRole.MEMBER));
        assertThat(((ExistingTeam) state).members()).containsEntry(ANNA, TeamRole.TEAM_LEAD);
    }

    @Test
    void givenMember_whenSameRole_thenNothingNew() {
        spec.given(CREATED, ANNA_JOINED).when(new ChangeMemberRole(TEAM, ANNA, TeamRole.MEMBER)).then();
    }

    @Test
    void givenNonMember_whenRoleChanged_thenRejectedAsNotAMember() {
        spec.given(CREATED, ANNA_JOINED).when(new ChangeMemberRole(TEAM, BO, TeamRole.TEAM_LEAD))
                .thenRejected(Reason.RULE_VIOLATED, "not-a-member");
    }

    @Test
    void givenMemberWhoLeft_whenRoleChanged_thenRejectedAsNotAMember() {
        var rejected = spec.given(CREATED, ANNA_JOINED, ANNA_LEFT).when(new ChangeMemberRole(TEAM, ANNA, TeamRole.TEAM_LEAD))
                .thenRejected(Reason.RULE_VIOLATED, "not-a-member");
        assertThat(rejected.detail()).contains("has left");
    }

    @Test
    void givenNoTeam_whenRoleChanged_thenNotFound() {
        spec.given().when(new ChangeMemberRole(TEAM, ANNA, TeamRole.MEMBER)).thenRejected(Reason.NOT_FOUND, "team-not-found");
    }

    @Test
    void givenMember_whenRemoved_thenMemberLeftAndRememberedAsFormer() {
        TeamState state = spec.given(CREATED, ANNA_JOINED, new MemberJoined(TEAM, UNIT, BO, TeamRole.TEAM_LEAD))
                .when(new RemoveMember(TEAM, ANNA))
                .then(ANNA_LEFT);
        assertThat(((ExistingTeam) state).members()).containsOnlyKeys(BO);
        assertThat(((ExistingTeam) state).formerMembers()).containsExactly(ANNA);
    }

    @Test
    void givenNonMember_whenRemoved_thenRejectedAsNotAMember() {
        spec.given(CREATED).when(new RemoveMember(TEAM, ANNA)).thenRejected(Reason.RULE_VIOLATED, "not-a-member");
    }

    @Test
    void givenMemberWhoLeft_whenRemovedAgain_thenRejectedAsNotAMember() {
        spec.given(CREATED, ANNA_JOINED, ANNA_LEFT).when(new RemoveMember(TEAM, ANNA))
                .thenRejected(Reason.RULE_VIOLATED, "not-a-member");
    }

    @Test
    void givenNoTeam_whenMemberRemoved_thenNotFound() {
        spec.given().when(new RemoveMember(TEAM, ANNA)).thenRejected(Reason.NOT_FOUND, "team-not-found");
    }
}
