package org.learningloop.platform.security;

import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The team and unit scope of an operation, checked before it runs: the caller needs at least the given relation to
 * the team or unit (an organisation admin has every relation), else 403 and nothing happens. The rule of each
 * endpoint is written at the endpoint, where a reader looks for it (ADR 15).
 */
@ApplicationScoped
public class Access {

    @Inject
    Caller caller;

    /** goal-service's own directory, else the organisation replica ({@link OrganisationReplica}, the default bean). */
    @Inject
    OrganisationDirectory directory;

    /** Passes when the caller has at least {@code needed} to the team. */
    public Uni<Void> team(UUID teamId, Relation needed) {
        if (caller.hasRole(Roles.ORG_ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        return directory.toTeam(caller.actor(), teamId).invoke(relation -> require(relation, needed)).replaceWithVoid();
    }

    /** Passes when the caller has at least {@code needed} to the unit. */
    public Uni<Void> unit(UUID unitId, Relation needed) {
        if (caller.hasRole(Roles.ORG_ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        return directory.toUnit(caller.actor(), unitId).invoke(relation -> require(relation, needed)).replaceWithVoid();
    }

    /** As {@link #team}, and for analysts too (reports read across the organisation). */
    public Uni<Void> teamOrAnalyst(UUID teamId, Relation needed) {
        return caller.hasRole(Roles.ANALYST) ? Uni.createFrom().voidItem() : team(teamId, needed);
    }

    /** As {@link #unit}, and for analysts too (reports read across the organisation). */
    public Uni<Void> unitOrAnalyst(UUID unitId, Relation needed) {
        return caller.hasRole(Roles.ANALYST) ? Uni.createFrom().voidItem() : unit(unitId, needed);
    }

    /** Passes for an organisation admin only (the organisation WIG). */
    public Uni<Void> organisation() {
        if (!caller.hasRole(Roles.ORG_ADMIN)) {
            return Uni.createFrom().failure(new ForbiddenException());
        }
        return Uni.createFrom().voidItem();
    }

    private static void require(Relation relation, Relation needed) {
        if (!relation.includes(needed)) {
            throw new ForbiddenException();
        }
    }
}
