package org.learningloop.goal.scoreboard;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.goal.scoreboard.ScoreboardApi.UnitScoreboard;

import java.util.UUID;

/** A unit's scoreboard: every team's, and the unit's own WIGs. */
@Path("/units/{unitId}/scoreboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoreboards")
@Authenticated
public class UnitScoreboardResource {

    private final Scoreboards scoreboards;
    private final Access access;

    public UnitScoreboardResource(Scoreboards scoreboards, Access access) {
        this.scoreboards = scoreboards;
        this.access = access;
    }

    @GET
    @Operation(summary = "A unit's scoreboard for a week: each team's scoreboard and the unit's own WIGs",
            description = TeamScoreboardResource.RULES)
    @APIResponse(responseCode = "200", description = "The scoreboards of the unit's teams (by name) and its active unit WIGs",
            content = @Content(schema = @Schema(implementation = UnitScoreboard.class)))
    public Uni<UnitScoreboard> get(
            @Parameter(description = "A unit named by a team or a WIG") @PathParam("unitId") UUID unitId,
            @Parameter(description = "ISO week such as 2026-W48 (weeks in the organisation's time zone); default the current week")
            @QueryParam("week") String week) {
        return access.unit(unitId, Relation.MEMBER).chain(() -> scoreboards.unit(unitId, week));
    }
}
