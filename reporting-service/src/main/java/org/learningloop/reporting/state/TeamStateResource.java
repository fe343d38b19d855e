package org.learningloop.reporting.state;

import io.quarkus.security.Authenticated;
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

    public TeamStateResource(TeamStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
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
        return states.asOf(team, instant == null ? clock.instant() : instant);
    }
}
