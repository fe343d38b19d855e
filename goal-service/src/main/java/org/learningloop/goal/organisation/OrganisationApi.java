package org.learningloop.goal.organisation;

import org.learningloop.platform.privacy.PersonName;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.goal.organisation.TeamState.ExistingTeam;
import org.learningloop.goal.organisation.UnitState.ExistingUnit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of the organisation API. Names are trimmed before they are checked. */
public final class OrganisationApi {

    private OrganisationApi() {
    }

    @Schema(description = "A new unit (e.g. a region office) and its manager")
    public record CreateUnitRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Region office North", maxLength = 200) String name,
            @NotNull @Schema(description = "The manager's member id") UUID managerId) {

        public CreateUnitRequest {
            name = strip(name);
        }
    }

    @Schema(description = "The unit's new manager")
    public record ChangeManagerRequest(@NotNull @Schema(description = "The manager's member id", example = "6d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b")
                                       UUID managerId) {
    }

    @Schema(description = "A new WIG team in a unit")
    public record CreateTeamRequest(
            @NotNull @Schema(description = "The unit the team belongs to") UUID unitId,
            @NotBlank @Size(max = 200) @Schema(example = "Recruiters North", maxLength = 200) String name) {

        public CreateTeamRequest {
            name = strip(name);
        }
    }

    @Schema(description = "A member joining the team. The display name is staff data: it is kept apart from the "
            + "events, can be erased, and is updated each time the member joins a team.")
    public record AddMemberRequest(
            @NotNull UUID memberId,
            @PersonName @NotBlank @Size(max = 200) @Schema(example = "Anna Andersson", maxLength = 200) String displayName,
            @NotNull TeamRole role) {

        public AddMemberRequest {
            displayName = strip(displayName);
        }
    }

    @Schema(description = "What goal-service holds of a person (a data-subject access request, docs/privacy.md)")
    public record PersonData(UUID memberId,
                             @Schema(description = "Their display name; absent when never given or erased") String displayName,
                             @Schema(description = "Whether the keyed fingerprint of their name is kept (it is no name)")
                             boolean nameFingerprintKept,
                             @Schema(description = "Whether their data was erased") boolean erased,
                             @Schema(description = "Each stay in a team, oldest first") List<Stay> teams,
                             @Schema(description = "The units they manage") List<UUID> managesUnits) {
    }

    @Schema(description = "A stay in a team")
    public record Stay(UUID teamId, String role, java.time.Instant joinedAt,
                       @Schema(description = "Absent while they are in the team") java.time.Instant leftAt) {
    }

    @Schema(description = "What an erasure erased (issue 12, docs/privacy.md)")
    public record Erasure(UUID memberId,
                          @Schema(description = "What was erased now, of display-name, name-fingerprint and free-text "
                                  + "(goal-service; every other service forgets the fingerprint and the text keys on "
                                  + "goal.member-erased); empty when nothing was left") List<String> erased,
                          @Schema(description = "How many events' free texts (those the person wrote or that are "
                                  + "about them) became unreadable now: their keys are deleted in every service, and "
                                  + "every copy reads [erased]", example = "12") int texts,
                          @Schema(description = "Whether the person had been erased before: then nothing is recorded again")
                          boolean alreadyErased) {
    }

    @Schema(description = "A current member's new role")
    public record ChangeRoleRequest(@NotNull TeamRole role) {
    }

    @Schema(description = "A unit as it stands; version is also the ETag")
    public record Unit(UUID id, String name, UUID managerId, long version) {

        static Unit of(ExistingUnit unit, long version) {
            return new Unit(unit.unitId(), unit.name(), unit.managerId(), version);
        }
    }

    @Schema(description = "A current member of a team; displayName is absent when the staff member's data was erased")
    public record TeamMember(UUID memberId, String displayName, TeamRole role) {
    }

    @Schema(description = "A team with its current members, in the order they joined; version is also the ETag")
    public record Team(UUID id, UUID unitId, String name, List<TeamMember> members, long version) {

        static Team of(ExistingTeam team, long version, Map<UUID, String> displayNames) {
            return new Team(team.teamId(), team.unitId(), team.name(), team.members().entrySet().stream()
                    .map(member -> new TeamMember(member.getKey(), displayNames.get(member.getKey()), member.getValue()))
                    .toList(), version);
        }
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
