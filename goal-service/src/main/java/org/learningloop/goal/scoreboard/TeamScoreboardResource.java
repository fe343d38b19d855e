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
import org.learningloop.goal.scoreboard.ScoreboardApi.TeamScoreboard;

import java.util.UUID;

/** A team's scoreboard: lag and lead, target against actual, winning or losing. */
@Path("/teams/{teamId}/scoreboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoreboards", description = "Lag and lead measures, target against actual, winning or losing")
@Authenticated
public class TeamScoreboardResource {

    /** The status rules, shown in the OpenAPI document of both scoreboards. */
    static final String RULES = """
            Only active WIGs and active lead measures appear. Served from a read model, so an event of a moment ago \
            may take a moment to show.

            **WIG status.** expectedByNow = from + (to − from) × clamp((reference − startDate) / (deadline − startDate), 0, 1), \
            where the reference date is the last day (Sunday) of the requested week, or today if that is earlier. \
            gap = (currentValue − expectedByNow) / (to − from), positive when ahead whichever way the goal goes. \
            `winning` if gap ≥ 0; `at-risk` if −0.1 ≤ gap < 0; `losing` if gap < −0.1; `no-data` before the first reading. \
            currentValue is the reading of the latest period.

            **Lead measure status** (that of the requested week). actual = automatic (activities carried out of the \
            lead measure's activity type by its team, counted in the ISO week of carriedOutAt in the organisation's time \
            zone) + manual (the latest manual count recorded for the week). `winning` if actual ≥ target. A past week \
            short of its target is `losing`. In the current week (or one not begun) it is `at-risk` while on pace, \
            actual ≥ target × days of the week begun (Monday = 1 … Sunday = 7) / 7, else `losing`. \
            In last12Weeks, met = actual ≥ target; target is the lead measure's current weekly target.""";

    private final Scoreboards scoreboards;
    private final Access access;

    public TeamScoreboardResource(Scoreboards scoreboards, Access access) {
        this.scoreboards = scoreboards;
        this.access = access;
    }

    @GET
    @Operation(summary = "A team's scoreboard for a week", description = RULES)
    @APIResponse(responseCode = "200", description = "The team's active WIGs and lead measures with their status",
            content = @Content(schema = @Schema(implementation = TeamScoreboard.class)))
    public Uni<TeamScoreboard> get(
            @Parameter(description = "A team named by TeamCreated or by any WIG or lead measure")
            @PathParam("teamId") UUID teamId,
            @Parameter(description = "ISO week such as 2026-W48 (weeks in the organisation's time zone); default the current week")
            @QueryParam("week") String week) {
        return access.team(teamId, Relation.MEMBER).chain(() -> scoreboards.team(teamId, week));
    }
}
