package org.learningloop.learning.learnings;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.learning.learnings.LearningState.RecordedLearning;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/**
 * Who may record and read a team's learnings and its learning candidates (ADR 15): its members, its lead, its
 * unit's manager; dismissing or merging a candidate (the WIG meeting's work) is the team lead's and the manager's.
 */
@ApplicationScoped
public class LearningAccess {

    private final LearningService learnings;
    private final Access access;

    public LearningAccess(LearningService learnings, Access access) {
        this.learnings = learnings;
        this.access = access;
    }

    public Uni<Void> team(UUID teamId) {
        return access.team(teamId, Relation.MEMBER);
    }

    /** Reading the learning (404 when there is none). */
    public Uni<Void> learning(UUID learningId) {
        return learnings.get(learningId)
                .chain(decision -> team(((RecordedLearning) decision.state()).recorded().teamId()));
    }

    /** Reading the candidate (404 when there is none). */
    public Uni<Void> readCandidate(UUID candidateId) {
        return learnings.candidate(candidateId).chain(candidate -> team(candidate.teamId()));
    }

    /** Dismissing or merging the candidate (404 when there is none). */
    public Uni<Void> resolveCandidate(UUID candidateId) {
        return learnings.candidate(candidateId)
                .chain(candidate -> access.team(candidate.teamId(), Relation.TEAM_LEAD));
    }
}
