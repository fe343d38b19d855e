package org.learningloop.activity.design;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.activity.design.DesignState.DefinedDesign;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/**
 * Who may read and shape a unit's designs (ADR 15): the members of the unit's teams read them, the unit's manager
 * (and organisation admins) create, revise, fork and retire them. Agreements of the unit's workplace meeting change
 * them too, through the agreements consumer.
 */
@ApplicationScoped
public class DesignAccess {

    private final DesignService designs;
    private final Access access;

    public DesignAccess(DesignService designs, Access access) {
        this.designs = designs;
        this.access = access;
    }

    /** Creating a design in the unit. */
    public Uni<Void> create(UUID unitId) {
        return access.unit(unitId, Relation.MANAGER);
    }

    /** Reading the design {@code designId} (404 when there is none). */
    public Uni<Void> read(UUID designId) {
        return unit(designId).chain(unitId -> access.unit(unitId, Relation.MEMBER));
    }

    /** Revising, forking or retiring the design {@code designId} (404 when there is none). */
    public Uni<Void> change(UUID designId) {
        return unit(designId).chain(unitId -> access.unit(unitId, Relation.MANAGER));
    }

    private Uni<UUID> unit(UUID designId) {
        return designs.get(designId).map(decision -> ((DefinedDesign) decision.state()).unitId());
    }
}
