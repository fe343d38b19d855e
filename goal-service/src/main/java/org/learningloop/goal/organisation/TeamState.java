package org.learningloop.goal.organisation;

import org.learningloop.contracts.goal.TeamRole;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A team's lifecycle: not yet formed, or formed with its current and former members. */
public sealed interface TeamState {

    /** No team in this stream yet. */
    record NoTeam() implements TeamState {
    }

    /**
     * A team that has been formed.
     *
     * @param members        the current members and their roles, in the order they (last) joined
     * @param formerMembers  those who left and have not joined again
     */
    record ExistingTeam(UUID teamId, UUID unitId, String name, Map<UUID, TeamRole> members, Set<UUID> formerMembers)
            implements TeamState {

        public ExistingTeam {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
            formerMembers = Collections.unmodifiableSet(new LinkedHashSet<>(formerMembers));
        }

        public boolean isMember(UUID memberId) {
            return members.containsKey(memberId);
        }

        ExistingTeam joined(UUID memberId, TeamRole role) {
            Map<UUID, TeamRole> nextMembers = new LinkedHashMap<>(members);
            nextMembers.put(memberId, role);
            Set<UUID> nextFormer = new LinkedHashSet<>(formerMembers);
            nextFormer.remove(memberId);
            return new ExistingTeam(teamId, unitId, name, nextMembers, nextFormer);
        }

        ExistingTeam withRole(UUID memberId, TeamRole role) {
            Map<UUID, TeamRole> nextMembers = new LinkedHashMap<>(members);
            nextMembers.put(memberId, role);
            return new ExistingTeam(teamId, unitId, name, nextMembers, formerMembers);
        }

        ExistingTeam left(UUID memberId) {
            Map<UUID, TeamRole> nextMembers = new LinkedHashMap<>(members);
            nextMembers.remove(memberId);
            Set<UUID> nextFormer = new LinkedHashSet<>(formerMembers);
            nextFormer.add(memberId);
            return new ExistingTeam(teamId, unitId, name, nextMembers, nextFormer);
        }
    }
}
