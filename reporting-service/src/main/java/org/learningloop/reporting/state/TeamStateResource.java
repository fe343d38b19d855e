package org.learningloop.reporting.state;

import io.quarkus.security.Authenticated;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.learningloop.platform.http.QueryParams;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** A team as it stood at an instant (time travel over its history). */
@Path("/teams/{teamId}/state")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TeamStateResource {

    private final TeamStates states;
    private final Clock clock;

    private final Access access;

    /** Who may (ADR 15): the team's members and lead, its unit's manager, analysts. */
    public TeamStateResource(TeamStates states, Clock clock, Access access) {
        this.states = states;
        this.clock = clock;
        this.access = access;
    }

    @GET
    @Operation(summary = "The team as of an instant",
            description = "WIGs and lag values, lead measures and status, designs and versions in use, activities by "
                    + "phase, open commitments and the loop iteration, folded from the team's history (its own and its "
                    + "unit's unit-wide events) with time <= asOf (an ISO instant, default now). 404 for a team no "
                    + "event has named.")
    public Uni<TeamState> state(@PathParam("teamId") String teamId, @QueryParam("asOf") String asOf) {
        UUID team = QueryParams.uuid("teamId", teamId);
        Instant instant = QueryParams.instant("asOf", asOf);
        Instant at = instant == null ? clock.instant() : instant;
        return access.teamOrAnalyst(team, Relation.MEMBER).chain(() -> states.asOf(team, at));
    }
}
