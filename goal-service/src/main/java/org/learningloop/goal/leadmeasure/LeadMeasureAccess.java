package org.learningloop.goal.leadmeasure;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.goal.leadmeasure.LeadMeasureState.DefinedLeadMeasure;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/**
 * Who may read and change a lead measure (ADR 15): the members of its team read it; its team lead and the unit's
 * manager propose, activate, retire, replace it and record its counts. An organisation admin may do all.
 */
@ApplicationScoped
public class LeadMeasureAccess {

    private final LeadMeasureService leadMeasures;
    private final Access access;

    public LeadMeasureAccess(LeadMeasureService leadMeasures, Access access) {
        this.leadMeasures = leadMeasures;
        this.access = access;
    }

    /** Proposing a lead measure for the WIG {@code wigId}: its team's lead (a WIG that is not there: the command says). */
    public Uni<Void> propose(UUID wigId) {
        return leadMeasures.wig(wigId).chain(wig -> {
            if (!wig.exists()) {
                return Uni.createFrom().voidItem();
            }
            return wig.teamId() != null ? access.team(wig.teamId(), Relation.TEAM_LEAD)
                    : access.unit(wig.unitId(), Relation.MANAGER);
        });
    }

    /** Reading the lead measure (404 when there is none). */
    public Uni<Void> read(UUID leadMeasureId) {
        return team(leadMeasureId).chain(teamId -> access.team(teamId, Relation.MEMBER));
    }

    /** Changing the lead measure or recording its counts (404 when there is none). */
    public Uni<Void> change(UUID leadMeasureId) {
        return team(leadMeasureId).chain(teamId -> access.team(teamId, Relation.TEAM_LEAD));
    }

    private Uni<UUID> team(UUID leadMeasureId) {
        return leadMeasures.get(leadMeasureId).map(decision -> ((DefinedLeadMeasure) decision.state()).teamId());
    }
}
