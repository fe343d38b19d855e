package org.learningloop.goal.wig;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.goal.wig.WigState.DefinedWig;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/**
 * Who may read and change a WIG, by its owner (ADR 15). A team's WIG: its members read it, its team lead and its
 * unit's manager change it. A unit's WIG: the members of the unit's teams read it, its manager changes it. The
 * organisation's WIG: everybody signed in reads it, organisation admins change it. An organisation admin may do all.
 */
@ApplicationScoped
public class WigAccess {

    private final WigService wigs;
    private final Access access;

    public WigAccess(WigService wigs, Access access) {
        this.wigs = wigs;
        this.access = access;
    }

    /** Reading the WIG {@code wigId} (404 when there is none). */
    public Uni<Void> read(UUID wigId) {
        return owner(wigId).chain(wig -> read(wig.teamId(), wig.unitId()));
    }

    /** Changing the WIG {@code wigId} (404 when there is none). */
    public Uni<Void> change(UUID wigId) {
        return owner(wigId).chain(wig -> change(wig.teamId(), wig.unitId()));
    }

    /** Reading a WIG of this team, else of this unit, else the organisation's. */
    public Uni<Void> read(UUID teamId, UUID unitId) {
        if (teamId != null) {
            return access.team(teamId, Relation.MEMBER);
        }
        return unitId != null ? access.unit(unitId, Relation.MEMBER) : Uni.createFrom().voidItem();
    }

    /** Setting or changing a WIG of this team, else of this unit, else the organisation's. */
    public Uni<Void> change(UUID teamId, UUID unitId) {
        if (teamId != null) {
            return access.team(teamId, Relation.TEAM_LEAD);
        }
        return unitId != null ? access.unit(unitId, Relation.MANAGER) : access.organisation();
    }

    private Uni<DefinedWig> owner(UUID wigId) {
        return wigs.get(wigId).map(decision -> (DefinedWig) decision.state());
    }
}
