package org.learningloop.platform.security;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Who belongs where, as a service knows it: goal-service from its own organisation read models, the others from
 * their replica of {@code loop.goals}. A subject is a member by its id (the member id is the identity's subject).
 */
public interface OrganisationDirectory {

    /** The subject's relation to the team: manager of its unit, its team lead, a member, or none (also: no such team). */
    Uni<Relation> toTeam(String subject, UUID teamId);

    /** The subject's relation to the unit: its manager, a member of one of its teams, or none. */
    Uni<Relation> toUnit(String subject, UUID unitId);
}
